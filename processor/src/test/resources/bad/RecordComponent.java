package com.acme;

import dev.subprocess.Subprocess;
import java.util.List;

class RecordComponent {
  record Order(String id, Thread owner) {}

  @Subprocess
  static void ship(List<Order> orders) {}
}

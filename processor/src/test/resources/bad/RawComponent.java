package com.acme;

import dev.subprocess.Subprocess;
import java.util.Map;

class RawComponent {
  @SuppressWarnings("rawtypes")
  record Cart(String owner, Map items) {}

  @Subprocess
  static void checkout(Cart cart) {}
}

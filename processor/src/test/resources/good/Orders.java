package com.acme;

import dev.subprocess.Subprocess;
import java.util.List;

public class Orders {
  record Order(String id, int quantity, List<String> tags) {}

  @Subprocess
  static Order place(String id, int quantity) {
    return new Order(id, quantity, List.of());
  }
}

package com.acme;

import dev.subprocess.Subprocess;
import java.util.Map;

class RawComponent {
  // The raw type is the fault under test; javac need not report it too.
  @SuppressWarnings("rawtypes")
  record Cart(String owner, Map items) {}

  @Subprocess
  static void checkout(Cart cart) {}
}

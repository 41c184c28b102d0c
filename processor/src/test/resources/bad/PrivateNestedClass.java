package com.acme;

import dev.subprocess.Subprocess;

class PrivateNestedClass {
  private static class Hidden {
    @Subprocess
    static int work() {
      return 1;
    }
  }
}

package com.acme;

import dev.subprocess.Subprocess;

public class Outer {
  static class Inner {
    @Subprocess
    static int square(int x) {
      return x * x;
    }
  }
}

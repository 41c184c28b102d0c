package com.acme;

import dev.subprocess.Subprocess;

class GoodBesideBad {
  @Subprocess
  static int good(int x) {
    return x;
  }

  @Subprocess
  static void bad(Thread thread) {}
}

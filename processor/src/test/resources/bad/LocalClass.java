package com.acme;

import dev.subprocess.Subprocess;

class LocalClass {
  static void run() {
    class Local {
      @Subprocess
      static int work() {
        return 1;
      }
    }
    Local.work();
  }
}

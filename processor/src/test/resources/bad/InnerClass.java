package com.acme;

import dev.subprocess.Subprocess;

class InnerClass {
  class Worker {
    @Subprocess
    static int work() {
      return 1;
    }
  }
}

package com.acme;

import dev.subprocess.Subprocess;

class ThreadReturn {
  @Subprocess
  static Thread spawn() {
    return new Thread();
  }
}

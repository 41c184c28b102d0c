package com.acme;

import dev.subprocess.Subprocess;

class PrivateMethod {
  @Subprocess
  private static int secret() {
    return 1;
  }
}

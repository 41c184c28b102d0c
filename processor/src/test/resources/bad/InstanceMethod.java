package com.acme;

import dev.subprocess.Subprocess;

class InstanceMethod {
  @Subprocess
  int count() {
    return 1;
  }
}

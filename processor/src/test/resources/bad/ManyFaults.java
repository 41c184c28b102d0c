package com.acme;

import dev.subprocess.Subprocess;

class ManyFaults {
  @Subprocess
  private <T> T pick(T value) {
    return value;
  }
}

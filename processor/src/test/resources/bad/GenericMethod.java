package com.acme;

import dev.subprocess.Subprocess;

class GenericMethod {
  @Subprocess
  static <T> T identity(T value) {
    return value;
  }
}

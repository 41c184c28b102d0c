package com.acme;

import dev.subprocess.Subprocess;

class ObjectArrayParameter {
  @Subprocess
  static void log(Object[] values) {}
}

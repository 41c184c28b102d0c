package com.acme;

import dev.subprocess.Subprocess;

class UndefinedType {
  @Subprocess
  static void handle(Missing missing) {}
}

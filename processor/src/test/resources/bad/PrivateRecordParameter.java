package com.acme;

import dev.subprocess.Subprocess;

class PrivateRecordParameter {
  private record Secret(String value) {}

  @Subprocess
  static void keep(Secret secret) {}
}

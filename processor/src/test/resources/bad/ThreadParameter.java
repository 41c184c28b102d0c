package com.acme;

import dev.subprocess.Subprocess;

class ThreadParameter {
  @Subprocess
  static void watch(String name, Thread thread) {}
}

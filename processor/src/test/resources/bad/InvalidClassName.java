package com.acme;

import dev.subprocess.Subprocess;

class InvalidClassName {
  @Subprocess(className = "9Lives")
  static void live() {}
}

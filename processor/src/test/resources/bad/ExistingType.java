package com.acme;

import dev.subprocess.Subprocess;

class ExistingType {
  @Subprocess
  static void greet(String name) {}
}

class GreetProcess {}

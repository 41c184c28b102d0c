package com.acme;

import dev.subprocess.Subprocess;

class ParameterNamedLikeLauncher {
  @Subprocess
  static void greet(String GreetProcessMain) {}
}

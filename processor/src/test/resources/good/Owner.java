package com.acme;

import dev.subprocess.Subprocess;

public class Owner {
  @Subprocess
  static String greet(String name, int times) {
    return (name + " ").repeat(times);
  }
}

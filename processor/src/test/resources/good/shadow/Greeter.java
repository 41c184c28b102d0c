package com.acme.shadow;

import dev.subprocess.Subprocess;

public class Greeter {
  @Subprocess
  public static String hello(String name) {
    return "hello " + name;
  }
}

package com.acme.lang;

import dev.subprocess.Subprocess;

public class Texts {
  @Subprocess
  static java.lang.String upper(java.lang.String text, int times) {
    return text.toUpperCase().repeat(times);
  }
}

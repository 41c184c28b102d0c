package com.acme;

import dev.subprocess.Subprocess;

/** Refers to Payload, which another processor generates in the first round. */
public class Echo {
  @Subprocess
  static Payload echo(Payload payload) {
    return payload;
  }
}

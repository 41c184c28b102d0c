package com.acme;

import dev.subprocess.Subprocess;

public class Pinger {
  @Subprocess
  static void ping(String host) throws InterruptedException {
    Thread.sleep(host.length());
  }
}

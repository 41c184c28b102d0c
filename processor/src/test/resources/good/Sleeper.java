package com.acme;

import dev.subprocess.Subprocess;

public record Sleeper(int interval) {
  @Subprocess(className = "SleeperProcess")
  long sleep() throws InterruptedException {
    Thread.sleep(interval);
    return interval;
  }
}

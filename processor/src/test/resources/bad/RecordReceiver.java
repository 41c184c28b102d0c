package com.acme;

import dev.subprocess.Subprocess;

record RecordReceiver(String name, Thread thread) {
  @Subprocess(className = "ReceiverProcess")
  void run() {}
}

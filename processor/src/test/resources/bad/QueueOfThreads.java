package com.acme;

import dev.subprocess.Queue;
import dev.subprocess.Subprocess;

class QueueOfThreads {
  @Subprocess
  static void consume(Queue<Thread> queue) {}
}

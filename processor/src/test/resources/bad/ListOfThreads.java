package com.acme;

import dev.subprocess.Subprocess;
import java.util.List;

class ListOfThreads {
  @Subprocess
  static void watch(List<Thread> threads) {}
}

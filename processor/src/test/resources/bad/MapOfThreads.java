package com.acme;

import dev.subprocess.Subprocess;
import java.util.Map;

class MapOfThreads {
  @Subprocess
  static void watch(Map<String, Thread> threads) {}
}

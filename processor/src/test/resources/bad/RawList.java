package com.acme;

import dev.subprocess.Subprocess;
import java.util.List;

class RawList {
  // The raw type is the fault under test; javac need not report it too.
  @SuppressWarnings("rawtypes")
  @Subprocess
  static void count(List items) {}
}

package com.acme;

import dev.subprocess.Subprocess;
import java.util.List;

class RawList {
  @SuppressWarnings("rawtypes")
  @Subprocess
  static void count(List items) {}
}

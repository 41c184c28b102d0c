package com.acme;

import dev.subprocess.Subprocess;
import java.util.List;

class WildcardParameter {
  @Subprocess
  static double sum(List<? extends Number> numbers) {
    return 0;
  }
}

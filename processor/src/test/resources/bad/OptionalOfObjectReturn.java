package com.acme;

import dev.subprocess.Subprocess;
import java.util.Optional;

class OptionalOfObjectReturn {
  @Subprocess
  static Optional<Object> find() {
    return Optional.empty();
  }
}

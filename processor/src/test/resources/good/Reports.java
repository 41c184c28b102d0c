package com.acme;

import dev.subprocess.Subprocess;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public class Reports {
  enum Format { CSV, JSON }

  @Subprocess(className = "ReportJob", jvmOptions = {"-Xmx64m", "-Dreport.mode=batch"})
  static Optional<String> render(
      Map<String, List<Integer>> data, Format format, String[] titles, Optional<UUID> id) {
    return Optional.of(format + " " + data + titles.length + id);
  }
}

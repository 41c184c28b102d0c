package dev.subprocess.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes every measured sample of a run to a CSV file, {@code round,contender,metric,value}
 * (values in SI base units), for whoever wants more than the table shows.
 */
final class ResultsFile {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private ResultsFile() {}

  static Path write(Results results, Path directory) throws IOException {
    Files.createDirectories(directory);
    Path file =
        directory.resolve(
            results.benchmark().name() + "-" + STAMP.format(LocalDateTime.now()) + ".csv");
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      out.println("round,contender,metric,value");
      for (String contender : results.contenders()) {
        List<Sample> samples = results.samples(contender);
        for (int round = 0; round < samples.size(); round++) {
          for (Metric metric : results.benchmark().metrics()) {
            out.printf(
                Locale.ROOT,
                "%d,%s,%s,%s%n",
                round + 1,
                contender,
                metric.key(),
                samples.get(round).value(metric, contender));
          }
        }
      }
    }
    return file;
  }
}

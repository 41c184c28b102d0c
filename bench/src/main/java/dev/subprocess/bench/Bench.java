package dev.subprocess.bench;

import java.util.List;

/**
 * Runs benchmarks side by side and prints a table for each; see {@code bench/README.md}. Started
 * by {@code bench/run}, which builds the module first:
 *
 * <pre>
 * bench/run                 # every benchmark
 * bench/run startjoin       # the ones named
 * bench/run --rounds 10 --warmup 2 startjoin
 * </pre>
 *
 * <p>Exit status: 0 when every selected benchmark ran (whether or not it met its targets), 1 when
 * one failed, 2 for a bad command line.
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    Settings settings;
    List<Benchmark> benchmarks;
    try {
      settings = Settings.parse(args);
      benchmarks = Benchmarks.select(settings.names());
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.println(Settings.USAGE);
      System.exit(2);
      return;
    }
    if (settings.listOnly()) {
      for (Benchmark benchmark : Benchmarks.ALL) {
        System.out.printf("%-12s %s%n", benchmark.name(), benchmark.title());
      }
      return;
    }
    Report.environment(System.out);
    boolean allRan = true;
    for (Benchmark benchmark : benchmarks) {
      allRan &= runOne(benchmark, settings);
    }
    System.exit(allRan ? 0 : 1);
  }

  private static boolean runOne(Benchmark benchmark, Settings settings) throws Exception {
    Results results;
    try {
      results = new Runner(benchmark, settings).run();
    } catch (Exception e) {
      System.out.flush();
      System.err.println("bench: " + benchmark.name() + " failed:");
      e.printStackTrace();
      return false;
    }
    Report.print(results, System.out);
    if (settings.resultsDirectory().isPresent()) {
      System.out.println(
          "raw samples: " + ResultsFile.write(results, settings.resultsDirectory().get()));
    }
    return true;
  }
}

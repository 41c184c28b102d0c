package dev.subprocess.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Prints the tables that {@code bench/README.md} explains how to read. */
final class Report {
  private static final String ROW = "  %-10s %12s %12s %12s %12s%n";

  private Report() {}

  /** What the figures depend on: the JVM, the machine. */
  static void environment(PrintStream out) {
    out.printf(
        "java %s (%s), %s %s, %d cores%n",
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors());
  }

  static void print(Results results, PrintStream out) {
    Benchmark benchmark = results.benchmark();
    int rounds = results.samples(results.contenders().get(0)).size();
    out.println();
    out.println("== " + benchmark.name() + ": " + benchmark.title());
    out.printf(
        "   %d warm-up + %d measured rounds, contenders interleaved round by round%n",
        results.warmupRounds(), rounds);
    for (Metric metric : benchmark.metrics()) {
      printMetric(results, metric, out);
    }
    out.println();
    for (String contender : results.contenders()) {
      out.printf("  %-10s %s%n", contender, results.description(contender));
    }
    if (!benchmark.ratios().isEmpty()) {
      out.println();
      for (Ratio ratio : benchmark.ratios()) {
        printRatio(results, ratio, out);
      }
    }
  }

  private static void printMetric(Results results, Metric metric, PrintStream out) {
    Metric.Unit unit = metric.unit();
    out.println();
    out.printf(
        "  %s (%s is better)%n", metric.label(), unit.lowerIsBetter() ? "lower" : "higher");
    out.printf(ROW, "", "median", Stats.tailLabel(unit), "min", "max");
    for (String contender : results.contenders()) {
      Stats stats = results.stats(contender, metric);
      out.printf(
          ROW,
          contender,
          unit.format(stats.median()),
          unit.format(stats.tail(unit)),
          unit.format(stats.min()),
          unit.format(stats.max()));
    }
  }

  private static void printRatio(Results results, Ratio ratio, PrintStream out) {
    String what = ratio.label() + (results.benchmark().metrics().size() > 1
        ? " (" + ratio.metric().key() + ")"
        : "");
    if (!results.has(ratio.numerator()) || !results.has(ratio.denominator())) {
      out.printf("  %-22s n/a%n", what);
      return;
    }
    double value =
        results.stats(ratio.numerator(), ratio.metric()).median()
            / results.stats(ratio.denominator(), ratio.metric()).median();
    String verdict =
        ratio.target()
            .map(target -> "   target " + target + "   " + verdict(target, value))
            .orElse("");
    out.printf(Locale.ROOT, "  %-22s %6.2f%s%n", what, value, verdict);
  }

  private static String verdict(Ratio.Target target, double ratio) {
    return target.isMetBy(ratio) ? "met" : "MISSED";
  }
}

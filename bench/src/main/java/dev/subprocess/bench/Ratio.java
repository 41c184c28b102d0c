package dev.subprocess.bench;

import java.util.Optional;

/**
 * A ratio of two contenders' medians of one metric, {@code numerator / denominator}, with the
 * target the issue sets, if any.
 */
record Ratio(String numerator, String denominator, Metric metric, Optional<Target> target) {

  static Ratio of(String numerator, String denominator, Metric metric) {
    return new Ratio(numerator, denominator, metric, Optional.empty());
  }

  Ratio withTarget(Target target) {
    return new Ratio(numerator, denominator, metric, Optional.of(target));
  }

  String label() {
    return numerator + "/" + denominator;
  }

  /** A bound on a ratio: {@code ≤ 1.2} for a time, {@code ≥ 5} for a rate. */
  record Target(boolean atMost, double bound) {
    static Target atMost(double bound) {
      return new Target(true, bound);
    }

    static Target atLeast(double bound) {
      return new Target(false, bound);
    }

    boolean isMetBy(double ratio) {
      return atMost ? ratio <= bound : ratio >= bound;
    }

    @Override
    public String toString() {
      return (atMost ? "≤ " : "≥ ") + String.format("%.2f", bound);
    }
  }
}

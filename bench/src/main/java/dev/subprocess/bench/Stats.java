package dev.subprocess.bench;

import java.util.Arrays;
import java.util.List;

/** Order statistics of one metric of one contender over the measured rounds. */
record Stats(int count, double min, double median, double p10, double p90, double max) {

  static Stats of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return new Stats(
        sorted.length,
        sorted[0],
        quantile(sorted, 0.5),
        quantile(sorted, 0.1),
        quantile(sorted, 0.9),
        sorted[sorted.length - 1]);
  }

  /** The worse tail for this unit: p90 of times, p10 of rates. */
  double tail(Metric.Unit unit) {
    return unit.lowerIsBetter() ? p90 : p10;
  }

  static String tailLabel(Metric.Unit unit) {
    return unit.lowerIsBetter() ? "p90" : "p10";
  }

  /** Linear interpolation between the closest ranks, as numpy's default does. */
  private static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = (int) Math.ceil(position);
    return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
  }
}

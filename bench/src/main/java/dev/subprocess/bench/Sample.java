package dev.subprocess.bench;

import java.util.Map;

/** What one contender measured in one round: a value per metric key, in SI base units. */
record Sample(Map<String, Double> values) {
  Sample {
    values = Map.copyOf(values);
  }

  static Sample of(String key, double value) {
    return new Sample(Map.of(key, value));
  }

  static Sample ofSecondsSince(String key, long startNanos) {
    return of(key, (System.nanoTime() - startNanos) / 1e9);
  }

  double value(Metric metric, String contender) {
    Double value = values.get(metric.key());
    if (value == null) {
      throw new IllegalStateException(
          contender + " reported no \"" + metric.key() + "\" in " + values);
    }
    return value;
  }
}

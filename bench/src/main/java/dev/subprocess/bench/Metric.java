package dev.subprocess.bench;

import java.util.Locale;

/**
 * A quantity measured once per round.
 *
 * @param key the name under which a {@link Sample} (and a Python script's JSON line) carries it
 * @param label what it is, for the table's heading
 * @param unit how it is formatted, and whether lower or higher is better
 */
record Metric(String key, String label, Unit unit) {

  /** Units of the values in a sample: always SI base units, formatted for people. */
  enum Unit {
    SECONDS(true),
    PER_SECOND(false),
    BYTES_PER_SECOND(false);

    private final boolean lowerIsBetter;

    Unit(boolean lowerIsBetter) {
      this.lowerIsBetter = lowerIsBetter;
    }

    boolean lowerIsBetter() {
      return lowerIsBetter;
    }

    String format(double value) {
      return switch (this) {
        case SECONDS -> formatSeconds(value);
        case PER_SECOND -> String.format(Locale.ROOT, "%,.0f/s", value);
        case BYTES_PER_SECOND -> String.format(Locale.ROOT, "%.1f MB/s", value / 1e6);
      };
    }

    private static String formatSeconds(double value) {
      if (value >= 1) {
        return String.format(Locale.ROOT, "%.3f s", value);
      }
      return value >= 1e-3
          ? String.format(Locale.ROOT, "%.1f ms", value * 1e3)
          : String.format(Locale.ROOT, "%.1f µs", value * 1e6);
    }
  }

  static Metric seconds(String key, String label) {
    return new Metric(key, label, Unit.SECONDS);
  }

  static Metric perSecond(String key, String label) {
    return new Metric(key, label, Unit.PER_SECOND);
  }

  static Metric bytesPerSecond(String key, String label) {
    return new Metric(key, label, Unit.BYTES_PER_SECOND);
  }
}

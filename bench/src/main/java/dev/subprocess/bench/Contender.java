package dev.subprocess.bench;

import java.io.IOException;

/**
 * One way of doing a benchmark's work: ours, a raw baseline, or Python. Each round calls {@link
 * #runRound()} once; a contender keeps whatever it needs between rounds (a Python interpreter, say)
 * and releases it in {@link #close()}.
 */
interface Contender extends AutoCloseable {
  /** Short name, used in tables and in ratios: {@code ours}, {@code bare}, {@code python}. */
  String name();

  /** What exactly it runs, as one line. */
  String description();

  /** Does the work once and measures it. A failure ends the benchmark. */
  Sample runRound() throws Exception;

  @Override
  default void close() throws IOException {}
}

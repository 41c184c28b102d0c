package dev.subprocess.internal.pool;

import dev.subprocess.internal.process.Outcome;

/** How a worker's end reads to a person, by the rules of {@link Outcome}. */
final class ExitStatus {
  /** How a JVM started with {@code -XX:+ExitOnOutOfMemoryError} exits on one. */
  static final int OUT_OF_MEMORY = 3;

  private ExitStatus() {}

  /** The worker's exit code as a {@code Process} would report it: −N for a death by signal N. */
  static int exitCode(Worker worker) {
    return Outcome.exitCode(worker.process.exitValue(), worker.exiting, worker.signal);
  }

  /** "was killed by SIGKILL (exit code -9)", "exited with exit code 2", "ran out of memory ...". */
  static String describe(Worker worker, int exitCode) {
    if (exitCode == OUT_OF_MEMORY && !worker.exiting) {
      return "ran out of memory (OutOfMemoryError, exit code 3)";
    }
    return Outcome.describe(exitCode);
  }
}

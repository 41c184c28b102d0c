package dev.subprocess.internal.pool;

import dev.subprocess.internal.process.Outcome;

/** How a worker's end reads to a person, by the rules of {@link Outcome}. */
final class ExitStatus {
  /** How a JVM started with {@code -XX:+ExitOnOutOfMemoryError} exits on one. */
  static final int OUT_OF_MEMORY = 3;

  private ExitStatus() {}

  /** The worker's exit code as a {@code Process} would report it: −N for a death by signal N. */
  static int exitCode(Worker worker) {
    return exitCode(worker.process.exitValue(), worker.exiting, worker.signal);
  }

  /**
   * The exit code of a worker that ended with {@code exitStatus}, having said it was exiting, or
   * that signal {@code signal} came (0 if none did): −N when signal N ended it, else the status.
   *
   * <p>A worker's handler of signal N says so, then exits with 128+N. A signal that came once the
   * worker was exiting already (the pool's STOP, a task's {@code System.exit}) cannot change the
   * status that exit settled, though the handler may have said it came: the status tells which
   * won, and only 128+N is a death by signal N.
   */
  static int exitCode(int exitStatus, boolean exiting, int signal) {
    boolean signalWon = signal > 0 && exitStatus == 128 + signal;
    return Outcome.exitCode(exitStatus, exiting, signalWon ? signal : 0);
  }

  /** "was killed by SIGKILL (exit code -9)", "exited with exit code 2", "ran out of memory ...". */
  static String describe(Worker worker, int exitCode) {
    if (exitCode == OUT_OF_MEMORY && !worker.exiting) {
      return "ran out of memory (OutOfMemoryError, exit code 3)";
    }
    return Outcome.describe(exitCode);
  }
}

package dev.subprocess.internal.pool;

import dev.subprocess.internal.wire.RemoteFailure;

/**
 * How the exceptions a pool's user sees are made: the pool decides when a task fails and says
 * why; the public API, which gives the pool this factory, decides what the user gets. So the
 * engine never names an API type.
 *
 * <p>Implementations are stateless and thread-safe: any of the pool's threads calls them.
 */
public interface FailureFactory {
  /**
   * The failure of a task.
   *
   * @param message what happened, naming the worker
   * @param exitCode the worker's exit code, as a {@code Process} reports it; 1 for a task that
   *     threw
   * @param pid the worker's pid; 0 when no worker was involved
   * @param cause a {@link #remoteCause} when the task (or the initializer) threw; a JDK exception
   *     that stopped the pool (a worker that could not be spawned); else null
   */
  RuntimeException taskFailed(String message, int exitCode, long pid, Throwable cause);

  /** The exception the user sees as the cause for a failure that a worker sent. */
  RuntimeException remoteCause(RemoteFailure failure);

  /**
   * A failure that {@link #taskFailed} made, to throw again on another thread: a new exception
   * with the same story whose stack trace is the caller's. Any other exception, as it is.
   */
  RuntimeException rethrown(RuntimeException failure);
}

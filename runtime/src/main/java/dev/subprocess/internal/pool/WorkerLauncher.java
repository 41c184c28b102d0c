package dev.subprocess.internal.pool;

import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.wire.RemoteFailure;

/**
 * How a pool gets its worker JVMs and their links: the one seam between the pool and the way a
 * worker is started and reaches it.
 *
 * <pre>{@code
 * launcher.launch(1, "PoolWorker-1");  // may come before open(): the JVM boots meanwhile
 * launcher.open(arrivals);             // from now on, workers connect: arrivals.connected(...)
 * launcher.launch(2, "PoolWorker-2");
 * launcher.close();                    // no more connections
 * }</pre>
 *
 * <p>Called under the pool's lock; {@link Arrivals} are called on threads of the launcher's own.
 */
interface WorkerLauncher {
  /** Where a launcher hands the workers that have connected. */
  interface Arrivals {
    /**
     * Worker {@code id} has connected, on a thread that the callee may keep for as long as the
     * link lives (its reader). The link is closed if this throws.
     *
     * @param initializerFailure what the pool's initializer threw in the worker, or why it could
     *     not run there; null if the worker is ready
     */
    void connected(int id, long pid, Link link, RemoteFailure initializerFailure);
  }

  /**
   * Starts worker {@code id} (1 or more), which connects once {@link #open} has been called.
   *
   * @throws RuntimeException if its JVM cannot be started
   */
  java.lang.Process launch(int id, String name);

  /**
   * Starts taking the workers' connections, which go to {@code arrivals}. Called once.
   *
   * @throws java.io.UncheckedIOException if the socket they connect to cannot be opened
   */
  void open(Arrivals arrivals);

  /** Takes no more connections. Idempotent. */
  void close();
}

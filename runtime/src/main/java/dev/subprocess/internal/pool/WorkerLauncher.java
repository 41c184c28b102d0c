package dev.subprocess.internal.pool;

import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.wire.WireInput;
import java.io.IOException;

/**
 * How a pool gets its worker JVMs and their links: the one seam between the pool and the way a
 * worker is started and reaches it.
 *
 * <pre>{@code
 * launcher.launch(1, "PoolWorker-1");  // may come before open(): the JVM boots meanwhile
 * launcher.open();                     // from now on, workers connect: arrivals.connected(...)
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
     * @param initializerFailure positioned at the failure record of the pool's initializer, if it
     *     threw in the worker; null if the worker is ready
     */
    void connected(int id, long pid, Link link, WireInput initializerFailure);
  }

  /**
   * Starts worker {@code id}, which connects once {@link #open} has been called.
   *
   * @throws RuntimeException if its JVM cannot be started
   */
  java.lang.Process launch(int id, String name);

  /** Starts taking the workers' connections. */
  void open() throws IOException;

  /** Takes no more connections. Idempotent. */
  void close();
}

package dev.subprocess.internal.pool;

import dev.subprocess.internal.channel.Address;
import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.channel.Listener;
import dev.subprocess.internal.wire.WireInput;
import java.io.IOException;

/**
 * The socket a pool's workers connect to, and their hello (see {@link Protocol}): the only class
 * of the pool that knows how a worker reaches it.
 *
 * <p>Lifecycle: {@code NEW -> OPEN -> CLOSED}. Thread-safe.
 */
final class PoolListener implements Listener.Handler {
  private final WorkerLauncher.Arrivals arrivals;
  private volatile Listener listener;

  PoolListener(WorkerLauncher.Arrivals arrivals) {
    this.arrivals = arrivals;
  }

  void open() throws IOException {
    listener = Listener.open("pool", this);
  }

  /** Where workers connect; null before {@link #open}. */
  Address address() {
    Listener l = listener;
    return l == null ? null : l.address();
  }

  void close() {
    Listener l = listener;
    if (l != null) {
      l.close();
    }
  }

  /** A worker's hello: {@code varint workerId, long pid, byte READY | INITIALIZER_FAILED [failure]}. */
  @Override
  public void accepted(Link link, WireInput hello) {
    int id = hello.readVarInt();
    long pid = hello.readLong();
    boolean failed = hello.readByte() == Protocol.INITIALIZER_FAILED;
    arrivals.connected(id, pid, link, failed ? hello : null);
  }
}

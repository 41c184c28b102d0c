package dev.subprocess.internal.pool;

import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.hub.Capability;
import dev.subprocess.internal.hub.Hub;
import dev.subprocess.internal.wire.Failures;
import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.RemoteFailure;
import dev.subprocess.internal.wire.WireInput;

/**
 * How a pool's workers reach it: through this JVM's {@link Hub}, as one of the objects it hosts,
 * under the hello kind {@link Protocol#HELLO}. The only class of the pool that knows how a worker
 * connects.
 *
 * <p>Access: worker N is given, in its bootstrap, the {@link Capability} of facet N of the pool's
 * registration: its key opens this pool, as worker N, and nothing else (no other pool, queue or
 * pipe of this JVM, nor another worker's place). The hello that follows it is {@code long pid,
 * byte READY | INITIALIZER_FAILED [failure]} (see {@link Protocol}); one that is not is dropped.
 *
 * <p>Lifecycle: {@code NEW -> OPEN -> CLOSED}: registered with the hub by {@link #open}, gone from
 * it by {@link #close} (the hub's listener closes with its last object); a worker that connects
 * after that is refused. Thread-safe.
 */
final class WorkerGate implements Hub.Hosted {
  private final WorkerLauncher.Arrivals arrivals;
  /** Guarded by this. */
  private Hub.Registration registration;
  /** Guarded by this. */
  private boolean closed;

  WorkerGate(WorkerLauncher.Arrivals arrivals) {
    this.arrivals = arrivals;
  }

  /** Registers the pool with the hub; the hub listens once the first capability is asked for. */
  synchronized void open() {
    if (registration == null && !closed) {
      registration = Hub.register(Protocol.HELLO, this);
    }
  }

  /**
   * What worker {@code workerId} (1 or more) connects with.
   *
   * @throws IllegalStateException if the gate is not open
   * @throws java.io.UncheckedIOException if the hub cannot open its socket
   */
  synchronized Capability capability(int workerId) {
    if (registration == null || closed) {
      throw new IllegalStateException("the pool takes no more workers");
    }
    return registration.capability(workerId);
  }

  /** Takes no more workers. Idempotent. */
  void close() {
    Hub.Registration gone;
    synchronized (this) {
      closed = true;
      gone = registration;
      registration = null;
    }
    if (gone != null) {
      Hub.unregister(gone.id());
    }
  }

  /** A worker's hello, on a thread of the hub's listener that becomes the worker's reader. */
  @Override
  public void serve(Link link, long facet, WireInput hello) {
    if (facet < 1 || facet > Integer.MAX_VALUE) {
      // The capability of the whole pool is never given out: nobody should hold it.
      link.close();
      return;
    }
    long pid = hello.readLong();
    byte status = hello.readByte();
    RemoteFailure initializerFailure;
    if (status == Protocol.READY) {
      initializerFailure = null;
    } else if (status == Protocol.INITIALIZER_FAILED) {
      initializerFailure = Failures.readFailure(hello);
    } else {
      throw new MalformedMessageException("unknown worker status " + status);
    }
    hello.expectEnd();
    arrivals.connected((int) facet, pid, link, initializerFailure);
  }
}

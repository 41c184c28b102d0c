package dev.subprocess.internal.queue;

import dev.subprocess.internal.hub.Capability;
import dev.subprocess.internal.hub.Hub;
import dev.subprocess.internal.hub.HubAddress;
import dev.subprocess.internal.wire.Values;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.util.Objects;

/**
 * What a {@code dev.subprocess.Queue} does, in the JVM that hosts it ({@link LocalQueue}) or in another one
 * ({@link RemoteQueue}). Elements are kept and carried encoded; they are decoded by the get that
 * returns them.
 *
 * <p>A handle, what a queue is written as when it travels: the queue's {@link Capability}, which
 * opens that queue only. Reading it in the host gives the host's own queue; anywhere else, the one {@link
 * RemoteQueue} of this JVM for that queue.
 */
public abstract class QueueEndpoint {
  QueueEndpoint() {}

  /**
   * Adds an element, waiting while the queue is full.
   *
   * @param timeoutNanos how long to wait for room; negative for as long as it takes
   * @return false if the queue was still full after the timeout
   * @throws NullPointerException if {@code element} is null
   * @throws IllegalArgumentException if it is not transferable, naming the type
   * @throws IllegalStateException if the queue is closed, or its host has ended
   */
  public abstract boolean put(Object element, long timeoutNanos) throws InterruptedException;

  /**
   * Removes the next element, waiting while the queue is empty.
   *
   * @param timeoutNanos negative for as long as it takes
   * @return null if it was still empty after the timeout
   * @throws IllegalStateException if the queue is closed, or its host has ended
   */
  public abstract Object get(long timeoutNanos) throws InterruptedException;

  /** The number of elements, approximately. */
  public abstract int size();

  /** Closes the queue for everyone in its host; anywhere else, for this JVM. */
  public abstract void close();

  abstract void writeHandle(WireOutput out);

  /** Writes a handle of the queue behind {@code endpoint}. */
  public static void writeHandle(WireOutput out, QueueEndpoint endpoint) {
    endpoint.writeHandle(out);
  }

  /** Reads a handle: the host's queue in the host, else this JVM's client of it. */
  public static QueueEndpoint readHandle(WireInput in) {
    Capability queue = Capability.readFrom(in);
    // Neither the hub nor LocalQueue is loaded in a JVM that hosts nothing: a child given a queue
    // starts as fast as one without.
    Object local = HubAddress.isLocal(queue) ? Hub.local(queue) : null;
    return local instanceof QueueEndpoint
        ? (QueueEndpoint) local
        : RemoteQueue.of(queue.address(), queue.hostPid(), queue.id());
  }

  static void writeHandle(WireOutput out, Capability queue) {
    queue.writeTo(out);
  }

  /** The element encoded, in a buffer of this thread that the next call reuses. */
  static WireOutput encode(Object element) {
    Objects.requireNonNull(element, "a Queue takes no null elements");
    WireOutput out = Scratch.get();
    out.reset();
    Values.write(out, element);
    return out;
  }

  /** The element; if it fails to decode, the pipe ends read from it are closed. */
  static Object decode(byte[] element) {
    return Values.decode(element);
  }

  /** One encoding buffer per thread; a large one is not kept. */
  private static final class Scratch {
    private static final int KEEP_AT_MOST = 1 << 16;
    private static final ThreadLocal<WireOutput> BUFFER = new ThreadLocal<>();

    static WireOutput get() {
      WireOutput out = BUFFER.get();
      if (out == null || out.array().length > KEEP_AT_MOST) {
        out = new WireOutput(256);
        BUFFER.set(out);
      }
      return out;
    }
  }
}

package dev.subprocess.internal.queue;

import dev.subprocess.Queue;
import dev.subprocess.internal.channel.Address;
import dev.subprocess.internal.handle.Hub;
import dev.subprocess.internal.handle.HubAddress;
import dev.subprocess.internal.pipe.ReadEnds;
import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.Values;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.util.Objects;

/**
 * What a {@link Queue} does, in the JVM that hosts it ({@link LocalQueue}) or in another one
 * ({@link RemoteQueue}). Elements are kept and carried encoded; they are decoded by the get that
 * returns them.
 *
 * <p>A handle, what a queue is written as when it travels: {@code Address hub, long hostPid, long
 * id}. Reading it in the host gives the host's own queue; anywhere else, the one {@link
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

  /** Writes a handle of the queue behind {@code queue}. */
  public static void writeHandle(WireOutput out, Queue<?> queue) {
    QueueAccess.get().endpoint(queue).writeHandle(out);
  }

  /** Reads a handle: the host's queue in the host, else this JVM's client of it. */
  public static Queue<?> readHandle(WireInput in) {
    int at = in.position();
    Address hub = Address.readFrom(in);
    long hostPid = in.readLong();
    long id = in.readLong();
    if (id <= 0 || hostPid <= 0) {
      throw new MalformedMessageException("not a queue handle", at);
    }
    // Neither the hub nor LocalQueue is loaded in a JVM that hosts nothing: a child given a queue
    // starts as fast as one without.
    Object local = HubAddress.isLocal(hub) ? Hub.local(hub, id) : null;
    QueueEndpoint endpoint =
        local instanceof QueueEndpoint ? (QueueEndpoint) local : RemoteQueue.of(hub, hostPid, id);
    return QueueAccess.get().wrap(endpoint);
  }

  static void writeHandle(WireOutput out, Address hub, long hostPid, long id) {
    hub.writeTo(out);
    out.writeLong(hostPid);
    out.writeLong(id);
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
    return ReadEnds.decode(element);
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

package dev.subprocess.internal.queue;

import dev.subprocess.internal.channel.Address;
import dev.subprocess.internal.hub.Capability;
import dev.subprocess.internal.wire.WireOutput;
import java.util.HashMap;
import java.util.Map;

/**
 * A queue as a JVM other than its host sees it: one per queue and JVM, whatever the number of
 * handles of it this JVM read. It is only the queue's identity until its first use creates its
 * {@link QueueClient}, so that a child given a queue it does not use starts as fast as one
 * without: reading a handle loads none of the classes that a link or a ring need.
 *
 * <p>Lifecycle: as its client's; once closed (here, by the host, or with the host's end) it is
 * forgotten, and a handle read later makes a new one.
 *
 * <p>Thread-safe.
 */
final class RemoteQueue extends QueueEndpoint {
  /** By hub and id; keyed by a string, as a class of its own would cost a child's start. */
  private static final Map<String, RemoteQueue> OPEN = new HashMap<>();

  private final Address hub;
  private final long hostPid;
  private final long id;
  private volatile QueueClient client;

  private RemoteQueue(Address hub, long hostPid, long id) {
    this.hub = hub;
    this.hostPid = hostPid;
    this.id = id;
  }

  /** This JVM's view of the queue {@code id} of the hub at {@code hub}. */
  static RemoteQueue of(Address hub, long hostPid, long id) {
    String key = key(hub, id);
    synchronized (OPEN) {
      RemoteQueue queue = OPEN.get(key);
      if (queue == null) {
        queue = new RemoteQueue(hub, hostPid, id);
        OPEN.put(key, queue);
      }
      return queue;
    }
  }

  @Override
  public boolean put(Object element, long timeoutNanos) throws InterruptedException {
    return client().put(element, timeoutNanos);
  }

  @Override
  public Object get(long timeoutNanos) throws InterruptedException {
    return client().get(timeoutNanos);
  }

  @Override
  public int size() {
    return client().size();
  }

  @Override
  public void close() {
    client().close();
  }

  @Override
  void writeHandle(WireOutput out) {
    QueueClient c = client;
    if (c != null) {
      c.checkOpen();
    }
    writeHandle(out, Capability.of(hub, hostPid));
  }

  /** Its client closed: a handle read from now on makes a new one. */
  void forget() {
    synchronized (OPEN) {
      OPEN.remove(key(hub, id), this);
    }
  }

  /** The path identifies the hub: a hub's socket is never reused within its owner's folder. */
  private static String key(Address hub, long id) {
    return hub.path() + "#" + id;
  }

  @Override
  public String toString() {
    return "Queue[id " + id + " of pid " + hostPid + "]";
  }

  private QueueClient client() {
    QueueClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          c = new QueueClient(this, hub, hostPid, id);
          client = c;
        }
      }
    }
    return c;
  }
}

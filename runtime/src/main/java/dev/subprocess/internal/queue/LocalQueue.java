package dev.subprocess.internal.queue;

import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.hub.Hub;
import dev.subprocess.internal.ring.Backoff;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A queue in the JVM that created it: the elements, encoded, in memory; the gets and puts of this
 * JVM's threads, which are local; and one {@link HostedClient} for each other JVM that uses it.
 *
 * <p>Lifecycle: {@code OPEN -> CLOSED}, by {@link #close()}: the elements are dropped, every
 * waiting call here throws, and each client is sent {@code CLOSED} and disconnected.
 *
 * <p>Who gets an element: a get waiting in another JVM (its client's demand, taken and not yet
 * answered) before one waiting here, in the order they asked; that get waits in its own JVM, so
 * the gets here still run between its requests. Bounded queues count slots: elements held plus
 * slots granted to clients and not yet filled (see {@link QueueProtocol}).
 *
 * <p>Thread-safe; one lock guards everything, and answers and grants go to clients after it is
 * released.
 */
final class LocalQueue extends QueueEndpoint implements Hub.Hosted {
  private static final String CLOSED_HERE = "the queue is closed";

  private final int capacity;
  private final Hub.Registration registration;
  private final long id;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private final ArrayDeque<byte[]> elements = new ArrayDeque<>();
  /** Clients whose get waits for an element, in the order they asked. */
  private final ArrayDeque<HostedClient> takers = new ArrayDeque<>();
  /** Clients with a WANT that waits for a slot, in the order they asked. */
  private final ArrayDeque<HostedClient> wanting = new ArrayDeque<>();
  private final Set<HostedClient> clients = new HashSet<>();
  /** Slots granted to clients and not yet filled or given back. */
  private int granted;
  private volatile boolean closed;
  /** The number of elements held, for a get that looks before it takes the lock. */
  private volatile int available;

  private LocalQueue(int capacity) {
    this.capacity = capacity;
    this.registration = Hub.register(QueueProtocol.HELLO, this);
    this.id = registration.id();
  }

  /** A new queue; {@code capacity} 0 for an unbounded one. */
  static LocalQueue create(int capacity) {
    return new LocalQueue(capacity);
  }

  int capacity() {
    return capacity;
  }

  @Override
  public boolean put(Object element, long timeoutNanos) throws InterruptedException {
    byte[] bytes = encode(element).toByteArray();
    Outbox outbox = null;
    lock.lockInterruptibly();
    try {
      checkOpen();
      if (capacity > 0) {
        long nanos = timeoutNanos;
        while (elements.size() + granted >= capacity) {
          if (timeoutNanos < 0) {
            notFull.await();
          } else if (nanos <= 0) {
            return false;
          } else {
            nanos = notFull.awaitNanos(nanos);
          }
          checkOpen();
        }
      }
      outbox = add(bytes, null);
    } finally {
      lock.unlock();
    }
    Outbox.send(outbox);
    return true;
  }

  @Override
  public Object get(long timeoutNanos) throws InterruptedException {
    if (timeoutNanos != 0) {
      lookAWhile();
    }
    byte[] element;
    Outbox outbox;
    lock.lockInterruptibly();
    try {
      long nanos = timeoutNanos;
      while (true) {
        checkOpen();
        element = elements.poll();
        if (element != null) {
          available = elements.size();
          break;
        }
        if (timeoutNanos < 0) {
          notEmpty.await();
        } else if (nanos <= 0) {
          return null;
        } else {
          nanos = notEmpty.awaitNanos(nanos);
        }
      }
      outbox = freed(1, null);
    } finally {
      lock.unlock();
    }
    Outbox.send(outbox);
    return decode(element);
  }

  /**
   * Waits a few microseconds for an element before the get takes the lock and perhaps sleeps: a
   * busy producer's next element comes soon, and then neither side makes a system call.
   */
  private void lookAWhile() {
    long start = System.nanoTime();
    for (int i = 0; available == 0 && !closed; i++) {
      if (!Backoff.idle(i, start)) {
        return;
      }
    }
  }

  @Override
  public int size() {
    lock.lock();
    try {
      checkOpen();
      return count();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    List<HostedClient> connected;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      elements.clear();
      available = 0;
      takers.clear();
      wanting.clear();
      connected = new ArrayList<>(clients);
      clients.clear();
      notEmpty.signalAll();
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
    Hub.unregister(id);
    for (HostedClient client : connected) {
      client.queueClosed();
    }
  }

  @Override
  void writeHandle(WireOutput out) {
    lock.lock();
    try {
      checkOpen();
    } finally {
      lock.unlock();
    }
    writeHandle(out, registration.capability());
  }

  @Override
  public void serve(Link link, long facet, WireInput hello) throws IOException {
    new HostedClient(this, link).serve();
  }

  @Override
  public String toString() {
    return "Queue[id " + id + (capacity > 0 ? ", capacity " + capacity : "") + "]";
  }

  // ---- For HostedClient, on its link's thread --------------------------------------------

  /** Adds a client; false if the queue is closed. */
  boolean connected(HostedClient client) {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      clients.add(client);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** A client's link has ended: no element goes to it any more. */
  void stopTaking(HostedClient client) {
    lock.lock();
    try {
      client.taking(false);
      takers.remove(client);
    } finally {
      lock.unlock();
    }
  }

  /** Forgets a client whose link has ended, after its last messages were drained. */
  void disconnected(HostedClient client) {
    Outbox outbox = null;
    lock.lock();
    try {
      if (!clients.remove(client)) {
        return;
      }
      takers.remove(client);
      wanting.remove(client);
      int unused = client.credits();
      if (unused > 0) {
        client.useCredits(unused);
        granted -= unused;
        outbox = freed(unused, null);
      }
    } finally {
      lock.unlock();
    }
    Outbox.send(outbox);
  }

  /**
   * Adds what a client put.
   *
   * @return false if the client put more than it was granted (the caller drops it)
   */
  boolean putAll(HostedClient client, List<byte[]> batch) {
    Outbox outbox = null;
    lock.lock();
    try {
      if (closed) {
        return true;
      }
      for (int i = 0; i < batch.size(); i++) {
        if (capacity > 0) {
          if (client.credits() == 0) {
            return false;
          }
          client.useCredits(1);
          granted--;
        }
        outbox = add(batch.get(i), outbox);
      }
    } finally {
      lock.unlock();
      Outbox.send(outbox);
    }
    return true;
  }

  void take(HostedClient client) {
    Outbox outbox = null;
    lock.lock();
    try {
      if (closed || client.isTaking()) {
        return;
      }
      byte[] element = elements.poll();
      available = elements.size();
      if (element == null) {
        client.taking(true);
        takers.add(client);
        return;
      }
      outbox = Outbox.element(null, client, element);
      outbox = freed(1, outbox);
    } finally {
      lock.unlock();
    }
    Outbox.send(outbox);
  }

  /**
   * An element taken for a client that could not have it (the client is gone, or was dropped for
   * a fault): it goes to the next waiting get, as the first element, so that nothing taken is
   * lost and each producer's order holds. A bounded queue may hold one element more than its
   * capacity for a while.
   */
  void undeliverable(byte[] element) {
    Outbox outbox = null;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      HostedClient taker = takers.poll();
      if (taker != null) {
        taker.taking(false);
        outbox = Outbox.element(null, taker, element);
      } else {
        elements.addFirst(element);
        available = elements.size();
        notEmpty.signal();
      }
    } finally {
      lock.unlock();
    }
    Outbox.send(outbox);
  }

  void cancelTake(HostedClient client) {
    lock.lock();
    try {
      if (!client.isTaking()) {
        // Answered already, or about to be by the thread that took the element for it.
        return;
      }
      client.taking(false);
      takers.remove(client);
    } finally {
      lock.unlock();
    }
    client.answer(null);
  }

  void want(HostedClient client) {
    Outbox outbox = null;
    lock.lock();
    try {
      if (closed || capacity == 0 || wanting.contains(client)) {
        return;
      }
      if (elements.size() + granted < capacity) {
        outbox = grant(client, null);
      } else {
        wanting.add(client);
      }
    } finally {
      lock.unlock();
    }
    Outbox.send(outbox);
  }

  void giveBack(HostedClient client, int slots) {
    Outbox outbox = null;
    lock.lock();
    try {
      int n = Math.min(slots, client.credits());
      if (closed || n <= 0) {
        return;
      }
      client.useCredits(n);
      granted -= n;
      outbox = freed(n, null);
    } finally {
      lock.unlock();
    }
    Outbox.send(outbox);
  }

  int sizeForClient() {
    lock.lock();
    try {
      return closed ? 0 : count();
    } finally {
      lock.unlock();
    }
  }

  // ---- Under the lock ----------------------------------------------------------------------

  /** The elements held, and those published in clients' rings and not yet drained. */
  private int count() {
    long size = elements.size();
    for (HostedClient client : clients) {
      size += client.undrained();
    }
    return (int) Math.min(Integer.MAX_VALUE, size);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(CLOSED_HERE);
    }
  }

  /** Hands an element to the first waiting client, or keeps it for the next get. */
  private Outbox add(byte[] element, Outbox outbox) {
    HostedClient taker = takers.poll();
    if (taker != null) {
      taker.taking(false);
      return Outbox.element(outbox, taker, element);
    }
    elements.add(element);
    available = elements.size();
    notEmpty.signal();
    return outbox;
  }

  /** {@code n} slots were freed: grant them to the clients that want one, or wake puts here. */
  private Outbox freed(int n, Outbox outbox) {
    if (capacity == 0) {
      return outbox;
    }
    for (int i = 0; i < n; i++) {
      HostedClient client = wanting.poll();
      if (client == null) {
        notFull.signal();
      } else {
        outbox = grant(client, outbox);
      }
    }
    return outbox;
  }

  private Outbox grant(HostedClient client, Outbox outbox) {
    granted++;
    client.grantCredits(1);
    return Outbox.grant(outbox, client);
  }

  /** Answers and grants to send once the lock is released; a drained batch may serve many. */
  private static final class Outbox {
    private final List<HostedClient> to = new ArrayList<>(2);
    private final List<byte[]> elements = new ArrayList<>(2);

    static Outbox element(Outbox outbox, HostedClient client, byte[] element) {
      Outbox o = outbox != null ? outbox : new Outbox();
      o.to.add(client);
      o.elements.add(element);
      return o;
    }

    /** A grant of one slot: an entry without an element. */
    static Outbox grant(Outbox outbox, HostedClient client) {
      return element(outbox, client, null);
    }

    static void send(Outbox outbox) {
      if (outbox == null) {
        return;
      }
      for (int i = 0; i < outbox.to.size(); i++) {
        byte[] element = outbox.elements.get(i);
        if (element == null) {
          outbox.to.get(i).sendGrant(1);
        } else {
          outbox.to.get(i).answer(element);
        }
      }
    }
  }
}

package dev.subprocess.internal.queue;

import dev.subprocess.internal.channel.Address;
import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.hub.Hub;
import dev.subprocess.internal.ring.Backoff;
import dev.subprocess.internal.ring.Gate;
import dev.subprocess.internal.ring.OneToOneRing;
import dev.subprocess.internal.ring.Parker;
import dev.subprocess.internal.ring.RingReader;
import dev.subprocess.internal.ring.RingWriter;
import dev.subprocess.internal.ring.SharedLong;
import dev.subprocess.internal.ring.SharedMemory;
import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The working part of a {@link RemoteQueue}: its link to the host, connected on first use, and
 * its file (see {@link QueueProtocol}). A put is published in this client's puts ring; a get
 * raises the demand and waits for the host's answer, without ever taking more than it asked for,
 * so that no element waits here while a get elsewhere could have it; a reader thread takes the
 * host's frames.
 *
 * <p>Lifecycle: {@code NEW -> CONNECTED -> CLOSED}. It closes when this JVM closes it, when the
 * host closes the queue, or when the host's link ends (the host has ended); every call then throws
 * {@link IllegalStateException} with that reason, and every call waiting is woken to throw it.
 *
 * <p>What this JVM can lose if it dies: nothing it put (its puts are in the ring, which the host
 * drains to the end); at most one element it took: the one the host had sent for a get in
 * progress, or for a get that was interrupted while it was on its way (which the next get here
 * would have returned).
 *
 * <p>Thread-safe: puts are published one at a time, one demand and one WANT are outstanding at a
 * time, and several threads waiting in get or put take the answers in turn.
 */
final class QueueClient {
  private static final long WELCOME_TIMEOUT_SECONDS = 30;

  private final Address hub;
  private final long hostPid;
  private final long id;

  private final Object connectLock = new Object();
  private volatile Link link;
  private volatile String closedReason;
  /** Set before {@link #link} is, and final from then on. */
  private RingWriter writer;

  private int capacity;

  private final ReentrantLock putLock = new ReentrantLock();

  /** Set before {@link #link} is, and final from then on. */
  private SharedLong demand;
  /** Set before {@link #link} is, and final from then on. */
  private RingReader answers;
  /**
   * Answers too large for the answers ring, which came as frames; guarded by itself. Not a
   * ConcurrentLinkedQueue, whose VarHandles would cost every child that receives a queue some
   * milliseconds of its start.
   */
  private final ArrayDeque<byte[]> largeAnswers = new ArrayDeque<>(1);
  private final ReentrantLock getLock = new ReentrantLock();
  // Guarded by getLock.
  private long demanded;
  private boolean demanding;
  private boolean cancelSent;

  private final ReentrantLock slotLock = new ReentrantLock();
  private final Condition slotGranted = slotLock.newCondition();
  private int slots;
  private boolean wantOutstanding;
  private int slotWaiters;

  private final ReentrantLock sizeCall = new ReentrantLock();
  private final Object sizeLock = new Object();
  private int sizeAnswer = -1;

  private final RemoteQueue owner;

  QueueClient(RemoteQueue owner, Address hub, long hostPid, long id) {
    this.owner = owner;
    this.hub = hub;
    this.hostPid = hostPid;
    this.id = id;
  }

  boolean put(Object element, long timeoutNanos) throws InterruptedException {
    WireOutput encoded = QueueEndpoint.encode(element);
    connect();
    if (capacity > 0 && !acquireSlot(timeoutNanos)) {
      return false;
    }
    boolean published = false;
    try {
      putLock.lockInterruptibly();
      try {
        checkOpen();
        writer.write(encoded.array(), 0, encoded.size());
        published = true;
      } finally {
        putLock.unlock();
      }
    } finally {
      if (!published && capacity > 0) {
        slotsArrived(1, false);
      }
    }
    return true;
  }

  Object get(long timeoutNanos) throws InterruptedException {
    connect();
    long deadline = timeoutNanos < 0 ? 0 : (System.nanoTime() + timeoutNanos) | 1;
    byte[] element;
    getLock.lockInterruptibly();
    try {
      boolean timedOut = false;
      while (true) {
        checkOpen();
        element = nextAnswer();
        if (element != null) {
          if (element.length > 0) {
            break;
          }
          // The empty answer to a get that gave up: this one, or one interrupted before.
          if (timedOut) {
            return null;
          }
          continue;
        }
        if (timedOut) {
          // The host answers a CANCEL at once, with the element if it had sent it already.
          awaitAnswer(0, false);
          continue;
        }
        if (!demanding) {
          demanding = true;
          demand.set(++demanded);
          writer.wakeReaderIfSleeping();
        }
        boolean answered;
        try {
          answered = awaitAnswer(deadline, true);
        } catch (InterruptedException e) {
          cancelDemand();
          throw e;
        }
        if (!answered) {
          timedOut = true;
          cancelDemand();
        }
      }
    } finally {
      getLock.unlock();
    }
    return QueueEndpoint.decode(element);
  }

  int size() {
    connect();
    sizeCall.lock();
    try {
      synchronized (sizeLock) {
        sizeAnswer = -1;
      }
      send(QueueProtocol.SIZE);
      boolean interrupted = false;
      synchronized (sizeLock) {
        while (sizeAnswer < 0) {
          checkOpen();
          try {
            sizeLock.wait();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
        return sizeAnswer;
      }
    } finally {
      sizeCall.unlock();
    }
  }

  void close() {
    closed("the queue was closed in this process");
  }

  @Override
  public String toString() {
    return "Queue[id " + id + " of pid " + hostPid + "]";
  }

  // ---- The link ----------------------------------------------------------------------------

  private void connect() {
    if (link != null) {
      return;
    }
    synchronized (connectLock) {
      if (link != null) {
        return;
      }
      checkOpen();
      Link l;
      try {
        l = Link.connect(hub, Hub.hello(QueueProtocol.HELLO, id));
      } catch (IOException e) {
        throw closed(hostAlive() ? hostClosed() : hostEnded());
      }
      try {
        WireInput welcome = l.receive(WELCOME_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (welcome == null) {
          throw new IOException("no answer from the host");
        }
        byte type = welcome.readByte();
        if (type == Hub.REFUSED) {
          l.close();
          throw closed(hostClosed());
        }
        if (type != QueueProtocol.WELCOME) {
          throw new MalformedMessageException("not a welcome: " + type, 0);
        }
        Path path = Paths.get(welcome.readString());
        capacity = welcome.readInt();
        ByteBuffer memory = SharedMemory.open(path, QueueProtocol.fileSize());
        // Both sides have it mapped: its name is needed no more, and nothing is left behind
        // however either side ends.
        Files.deleteIfExists(path);
        Doorbell doorbell = new Doorbell();
        demand = new SharedLong(memory, QueueProtocol.DEMAND);
        writer =
            new RingWriter(
                OneToOneRing.at(memory, QueueProtocol.PUTS, QueueProtocol.PUT_RING), doorbell);
        answers =
            new RingReader(
                OneToOneRing.at(memory, QueueProtocol.answers(), QueueProtocol.ANSWER_RING),
                doorbell);
      } catch (IOException | MalformedMessageException | IllegalArgumentException e) {
        l.close();
        throw closed(hostAlive() ? hostClosed() : hostEnded());
      }
      link = l;
      Thread reader =
          new Thread(new Reader(l), "dev.subprocess queue " + id + " of pid " + hostPid);
      reader.setDaemon(true);
      reader.start();
    }
  }

  private void send(byte type) {
    WireOutput out = new WireOutput(1);
    out.writeByte(type);
    send(out);
  }

  private void send(WireOutput frame) {
    try {
      link.send(frame);
    } catch (IOException e) {
      throw closed(closedReason != null ? closedReason : hostEnded());
    }
  }

  /** Throws {@link IllegalStateException} with the reason if this client is closed. */
  void checkOpen() {
    String reason = closedReason;
    if (reason != null) {
      throw new IllegalStateException(reason);
    }
  }

  /**
   * Closes this client for {@code reason} (the first reason sticks), wakes every waiting call,
   * and returns the exception they throw.
   */
  private IllegalStateException closed(String reason) {
    synchronized (connectLock) {
      if (closedReason == null) {
        closedReason = reason;
      }
    }
    owner.forget();
    Link l = link;
    if (l != null) {
      l.close();
    }
    RingWriter w = writer;
    if (w != null) {
      w.parker().wake();
      answers.parker().wake();
    }
    slotLock.lock();
    try {
      slotGranted.signalAll();
    } finally {
      slotLock.unlock();
    }
    synchronized (sizeLock) {
      sizeLock.notifyAll();
    }
    return new IllegalStateException(closedReason);
  }

  private boolean hostAlive() {
    Optional<ProcessHandle> host = ProcessHandle.of(hostPid);
    return host.isPresent() && host.get().isAlive();
  }

  private String hostEnded() {
    return "the process that created the queue (pid " + hostPid + ") has ended";
  }

  private String hostClosed() {
    return "the queue was closed by the process that created it (pid " + hostPid + ")";
  }

  // ---- Gets ---------------------------------------------------------------------------------

  /** Under the get lock: the next answer to the demand, from the ring or a frame, or null. */
  private byte[] nextAnswer() {
    byte[] answer;
    synchronized (largeAnswers) {
      answer = largeAnswers.poll();
    }
    if (answer == null) {
      answer = answers.poll();
    }
    if (answer != null) {
      demanding = false;
      cancelSent = false;
    }
    return answer;
  }

  /**
   * Under the get lock: waits for an answer until {@code deadline} (0 for none); looks for a few
   * microseconds, then sleeps until the host's doorbell.
   *
   * @return false at the deadline
   */
  private boolean awaitAnswer(long deadline, boolean interruptible) throws InterruptedException {
    boolean interrupted = false;
    try {
      long start = System.nanoTime();
      for (int i = 0; answers.isEmpty() && noLargeAnswer(); i++) {
        checkOpen();
        if (deadline != 0 && System.nanoTime() - deadline >= 0) {
          return false;
        }
        if (!Backoff.idle(i, start)) {
          Parker parker = answers.parker();
          parker.arm();
          try {
            if (answers.prepareToSleep()) {
              if (noLargeAnswer() && closedReason == null) {
                parker.park(deadline);
              }
              answers.awake();
            }
          } catch (InterruptedException e) {
            answers.awake();
            if (interruptible) {
              throw e;
            }
            interrupted = true;
          } finally {
            parker.disarm();
          }
          start = System.nanoTime();
          i = -1;
        }
      }
      return true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private boolean noLargeAnswer() {
    synchronized (largeAnswers) {
      return largeAnswers.isEmpty();
    }
  }

  /** Under the get lock: the get waiting for the demand gives up; the host still answers it. */
  private void cancelDemand() {
    if (demanding && !cancelSent && closedReason == null) {
      cancelSent = true;
      send(QueueProtocol.CANCEL);
    }
  }

  // ---- Slots of a bounded queue -------------------------------------------------------------

  private boolean acquireSlot(long timeoutNanos) throws InterruptedException {
    slotLock.lockInterruptibly();
    try {
      slotWaiters++;
      long nanos = timeoutNanos;
      while (slots == 0) {
        checkOpen();
        if (!wantOutstanding) {
          wantOutstanding = true;
          send(QueueProtocol.WANT);
        }
        if (timeoutNanos < 0) {
          slotGranted.await();
        } else if (nanos <= 0) {
          return false;
        } else {
          nanos = slotGranted.awaitNanos(nanos);
        }
      }
      slots--;
      return true;
    } finally {
      slotWaiters--;
      slotLock.unlock();
    }
  }

  /**
   * Slots granted by the host ({@code grant}), or one a put could not fill: a put waiting here
   * takes them; with none waiting, they go back at once, so that none idles here while a put
   * elsewhere waits for it.
   */
  private void slotsArrived(int n, boolean grant) {
    slotLock.lock();
    try {
      if (grant) {
        wantOutstanding = false;
      }
      slots += n;
      if (slotWaiters > 0) {
        slotGranted.signalAll();
      } else if (closedReason == null) {
        int unused = slots;
        slots = 0;
        WireOutput out = new WireOutput(8);
        out.writeByte(QueueProtocol.RETURN);
        out.writeVarInt(unused);
        try {
          link.send(out);
        } catch (IOException e) {
          // The host is gone: the reader thread closes this client.
        }
      }
    } finally {
      slotLock.unlock();
    }
  }

  private void sized(int size) {
    synchronized (sizeLock) {
      sizeAnswer = size;
      sizeLock.notifyAll();
    }
  }

  /** Takes the host's frames until the link ends. */
  private final class Reader implements Runnable {
    private final Link link;

    Reader(Link link) {
      this.link = link;
    }

    @Override
    public void run() {
      String reason = null;
      try {
        while (reason == null) {
          WireInput frame = link.receive();
          byte type = frame.readByte();
          switch (type) {
            case QueueProtocol.WAKE:
              writer.parker().wake();
              answers.parker().wake();
              break;
            case QueueProtocol.ELEMENT:
              byte[] element = frame.readBytes();
              synchronized (largeAnswers) {
                largeAnswers.add(element);
              }
              answers.parker().wake();
              break;
            case QueueProtocol.GRANT:
              slotsArrived(frame.readVarInt(), true);
              break;
            case QueueProtocol.SIZE_IS:
              sized(frame.readVarInt());
              break;
            case QueueProtocol.CLOSED:
              reason = hostClosed();
              break;
            default:
              throw new MalformedMessageException("unknown frame type " + type, 0);
          }
        }
      } catch (IOException | MalformedMessageException e) {
        reason = hostEnded();
      }
      closed(reason);
    }
  }

  /** The host's doorbell, rung when its side sleeps. */
  private final class Doorbell implements Gate {
    @Override
    public void wakePeer() {
      send(QueueProtocol.DRAIN);
    }

    @Override
    public void checkOpen(boolean midMessage) {
      QueueClient.this.checkOpen();
    }
  }
}

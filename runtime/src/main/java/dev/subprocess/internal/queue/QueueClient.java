package dev.subprocess.internal.queue;

import dev.subprocess.internal.channel.Address;
import dev.subprocess.internal.hub.Hub;
import dev.subprocess.internal.ring.Gate;
import dev.subprocess.internal.hub.HostLink;
import dev.subprocess.internal.ring.OneToOneRing;
import dev.subprocess.internal.ring.RingReader;
import dev.subprocess.internal.ring.RingWriter;
import dev.subprocess.internal.ring.SharedLong;
import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The working part of a {@link RemoteQueue}: its {@link HostLink}, connected on first use, and its
 * file (see {@link QueueProtocol}). A put is published in this client's puts ring, after taking a
 * slot of a bounded queue ({@link Slots}); a get raises the demand and waits for the host's
 * answer ({@link Gets}), without ever taking more than it asked for, so that no element waits here
 * while a get elsewhere could have it.
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
  private final RemoteQueue owner;
  private final long hostPid;
  private final long id;
  private final HostLink host;
  private volatile String closedReason;
  private final ReentrantLock putLock = new ReentrantLock();
  private final SizeCall size = new SizeCall(new SizeToHost());
  private final Slots slots = new Slots(new SlotsToHost());

  // Set before the link is connected, and final from then on.
  private int capacity;
  private RingWriter writer;
  private Gets gets;

  QueueClient(RemoteQueue owner, Address hub, long hostPid, long id) {
    this.owner = owner;
    this.hostPid = hostPid;
    this.id = id;
    this.host =
        new HostLink(
            hub, hostPid, "the process that created the queue", QueueProtocol.MAX_HOST_FRAME,
            new Frames());
  }

  boolean put(Object element, long timeoutNanos) throws InterruptedException {
    WireOutput encoded = QueueEndpoint.encode(element);
    connect();
    if (capacity > 0 && !slots.acquire(timeoutNanos)) {
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
        slots.arrived(1, false);
      }
    }
    return true;
  }

  Object get(long timeoutNanos) throws InterruptedException {
    connect();
    byte[] element = gets.get(timeoutNanos);
    return element == null ? null : QueueEndpoint.decode(element);
  }

  int size() {
    connect();
    return size.call();
  }

  void close() {
    closed("the queue was closed in this process");
  }

  @Override
  public String toString() {
    return "Queue[id " + id + " of pid " + hostPid + "]";
  }

  /** Throws {@link IllegalStateException} with the reason if this client is closed. */
  void checkOpen() {
    String reason = closedReason;
    if (reason != null) {
      throw new IllegalStateException(reason);
    }
  }

  private void connect() {
    if (host.isConnected()) {
      return;
    }
    checkOpen();
    if (!host.connect(Hub.hello(QueueProtocol.HELLO, id), QueueProtocol.WELCOME, Hub.REFUSED,
        "queue " + id)) {
      throw closed(host.refusal() != null || host.hostAlive() ? hostClosed() : host.hostEnded());
    }
  }

  private void send(byte type) {
    WireOutput out = new WireOutput(1);
    out.writeByte(type);
    send(out);
  }

  private void send(WireOutput frame) {
    try {
      host.send(frame);
    } catch (IOException e) {
      throw closed(closedReason != null ? closedReason : host.hostEnded());
    }
  }

  /**
   * Closes this client for {@code reason} (the first reason sticks), wakes every waiting call,
   * and returns the exception they throw.
   */
  private IllegalStateException closed(String reason) {
    synchronized (this) {
      if (closedReason == null) {
        closedReason = reason;
      }
    }
    owner.forget();
    host.close();
    RingWriter w = writer;
    if (w != null) {
      w.parker().wake();
      gets.wake();
    }
    slots.wakeAll();
    size.wakeAll();
    return new IllegalStateException(closedReason);
  }

  private String hostClosed() {
    return "the queue was closed by the process that created it (pid " + hostPid + ")";
  }

  /** The host's side of the link: its welcome, its frames, its end. */
  private final class Frames implements HostLink.Handler {
    private String reason;

    @Override
    public int welcomed(WireInput welcome) {
      capacity = welcome.readInt();
      if (capacity < 0) {
        throw new MalformedMessageException("a negative capacity", 0);
      }
      return QueueProtocol.fileSize();
    }

    @Override
    public void mapped(ByteBuffer memory, Path path) throws IOException {
      // Both sides have it mapped: its name is needed no more, and nothing is left behind
      // however either side ends.
      Files.deleteIfExists(path);
      Doorbell doorbell = new Doorbell();
      writer =
          new RingWriter(
              OneToOneRing.at(memory, QueueProtocol.PUTS, QueueProtocol.PUT_RING), doorbell);
      RingReader answers =
          new RingReader(
              OneToOneRing.at(memory, QueueProtocol.answers(), QueueProtocol.ANSWER_RING),
              doorbell);
      gets = new Gets(new GetsToHost(), new SharedLong(memory, QueueProtocol.DEMAND), answers);
    }

    @Override
    public boolean received(WireInput frame) {
      byte type = frame.readByte();
      switch (type) {
        case QueueProtocol.WAKE:
          writer.parker().wake();
          gets.wake();
          return true;
        case QueueProtocol.ELEMENT_PART:
        case QueueProtocol.ELEMENT:
          gets.part(frame, type == QueueProtocol.ELEMENT);
          return true;
        case QueueProtocol.GRANT:
          slots.arrived(frame.readVarInt(), true);
          return true;
        case QueueProtocol.SIZE_IS:
          size.answered(Math.max(0, frame.readVarInt()));
          return true;
        case QueueProtocol.CLOSED:
          reason = hostClosed();
          return false;
        default:
          throw new MalformedMessageException("unknown frame type " + type, 0);
      }
    }

    @Override
    public void ended() {
      closed(reason != null ? reason : host.hostEnded());
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

  private final class GetsToHost implements Gets.Host {
    @Override
    public void demandRaised() {
      writer.wakeReaderIfSleeping();
    }

    @Override
    public void cancel() {
      send(QueueProtocol.CANCEL);
    }

    @Override
    public void checkOpen() {
      QueueClient.this.checkOpen();
    }

    @Override
    public boolean isOpen() {
      return closedReason == null;
    }
  }

  private final class SizeToHost implements SizeCall.Host {
    @Override
    public void ask() {
      send(QueueProtocol.SIZE);
    }

    @Override
    public void checkOpen() {
      QueueClient.this.checkOpen();
    }
  }

  private final class SlotsToHost implements Slots.Host {
    @Override
    public void want() {
      send(QueueProtocol.WANT);
    }

    @Override
    public void giveBack(int n) {
      WireOutput out = new WireOutput(8);
      out.writeByte(QueueProtocol.RETURN);
      out.writeVarInt(n);
      try {
        host.send(out);
      } catch (IOException e) {
        // The host is gone: the reader thread closes this client.
      }
    }

    @Override
    public void checkOpen() {
      QueueClient.this.checkOpen();
    }

    @Override
    public boolean isOpen() {
      return closedReason == null;
    }
  }
}

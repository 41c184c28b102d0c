package dev.subprocess.internal.queue;

import dev.subprocess.internal.files.RuntimeDirectory;
import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.hub.Hub;
import dev.subprocess.internal.ring.Backoff;
import dev.subprocess.internal.ring.CorruptRingException;
import dev.subprocess.internal.ring.Gate;
import dev.subprocess.internal.ring.OneToOneRing;
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
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The host's side of one client of a {@link LocalQueue}: its link, and its file (see {@link
 * QueueProtocol}). Runs on the link's thread, which drains the puts ring into the queue, turns the
 * client's demand into takes, and answers its frames; when there is nothing to do it looks again
 * for a few microseconds, then raises the puts ring's parked flag and sleeps on the link until the
 * client's next frame or doorbell. Answers are written by whichever thread has the element: this
 * one, or a put that found the client waiting; none of them ever waits on the client's process,
 * and an element that can't be delivered goes back to the queue.
 *
 * <p>Lifecycle: {@code CONNECTED -> GONE}, when the link ends (the client closed the queue or
 * died), is dropped for a fault, or the queue closes. Whatever the client published before is
 * drained into the queue first: a put that has returned is never lost.
 */
final class HostedClient {
  /** Messages drained at most before the link is looked at. */
  private static final int BATCH = 256;

  private static final byte[] NONE = new byte[0];

  private final LocalQueue queue;
  private final Link link;
  private final ArrayList<byte[]> batch = new ArrayList<>();
  private volatile RingReader puts;
  private RingWriter answers;
  private SharedLong demand;
  private Path path;
  /** Gets asked for that this side has seen. */
  private long demandSeen;
  /** Messages taken from the puts ring, for {@link #undrained()}. */
  private volatile long drained;
  private boolean busy;

  // Guarded by the queue's lock.
  private boolean taking;
  private int credits;

  HostedClient(LocalQueue queue, Link link) {
    this.queue = queue;
    this.link = link;
  }

  /** Serves the client until its link ends; on the link's thread. */
  void serve() throws IOException {
    if (!queue.connected(this)) {
      Hub.refuse(link, Hub.CLOSED_REASON);
      return;
    }
    try {
      path = RuntimeDirectory.newPath("queue");
      ByteBuffer memory = SharedMemory.create(path, QueueProtocol.fileSize());
      demand = new SharedLong(memory, QueueProtocol.DEMAND);
      answers =
          new RingWriter(
              OneToOneRing.at(memory, QueueProtocol.answers(), QueueProtocol.ANSWER_RING),
              new Doorbell());
      puts =
          new RingReader(
              OneToOneRing.at(memory, QueueProtocol.PUTS, QueueProtocol.PUT_RING), new Doorbell());
      WireOutput welcome = new WireOutput(128);
      welcome.writeByte(QueueProtocol.WELCOME);
      welcome.writeString(path.toString());
      welcome.writeInt(queue.capacity());
      link.send(welcome);
      loop();
    } catch (IOException | MalformedMessageException | CorruptRingException e) {
      // The client left, or is dropped for a fault: what it published is still drained below.
    } finally {
      link.close();
      finish();
    }
  }

  private void loop() throws IOException {
    while (true) {
      int n = drain() + takeDemand();
      WireInput frame = link.receive(0, TimeUnit.NANOSECONDS);
      if (frame != null) {
        handle(frame);
        continue;
      }
      if (n > 0 || (busy && lookAgain())) {
        continue;
      }
      if (!puts.prepareToSleep()) {
        continue;
      }
      if (demand.get() != demandSeen) {
        puts.awake();
        continue;
      }
      frame = link.receive();
      puts.awake();
      handle(frame);
    }
  }

  /** Looks for a few microseconds: a busy client puts or gets again soon. */
  private boolean lookAgain() {
    long start = System.nanoTime();
    for (int i = 0; puts.isEmpty() && demand.get() == demandSeen; i++) {
      if (!Backoff.idle(i, start)) {
        busy = false;
        return false;
      }
    }
    return true;
  }

  private void handle(WireInput frame) throws IOException {
    byte type = frame.readByte();
    switch (type) {
      case QueueProtocol.DRAIN:
        break;
      case QueueProtocol.CANCEL:
        // The demand this cancels was raised before the frame was sent: take it first.
        takeDemand();
        queue.cancelTake(this);
        break;
      case QueueProtocol.WANT:
        queue.want(this);
        break;
      case QueueProtocol.RETURN:
        queue.giveBack(this, frame.readVarInt());
        break;
      case QueueProtocol.SIZE:
        WireOutput out = new WireOutput(8);
        out.writeByte(QueueProtocol.SIZE_IS);
        out.writeVarInt(queue.sizeForClient());
        link.send(out);
        break;
      default:
        throw new MalformedMessageException("unknown frame type " + type, 0);
    }
    frame.expectEnd();
  }

  /** Moves what the puts ring holds into the queue; returns how many messages. */
  private int drain() throws IOException {
    RingReader r = puts;
    byte[] message;
    while (batch.size() < BATCH && (message = r.poll()) != null) {
      batch.add(message);
    }
    int n = batch.size();
    if (n > 0) {
      busy = true;
      drained += n;
      boolean granted = queue.putAll(this, batch);
      batch.clear();
      if (!granted) {
        throw new IOException("the client put more than it was granted");
      }
    }
    return n;
  }

  /** Turns a raised demand into a take; returns 1 if there was one. */
  private int takeDemand() throws IOException {
    long d = demand.get();
    if (d == demandSeen) {
      return 0;
    }
    // A client asks again only once it has read the last answer: otherwise it is faulty, and
    // answers piling up in its ring could make this side wait for room.
    if (d != demandSeen + 1 || !answersRead()) {
      throw new IOException("the client raised its demand out of turn, to " + d);
    }
    demandSeen = d;
    busy = true;
    queue.take(this);
    return 1;
  }

  private boolean answersRead() {
    synchronized (answers) {
      return answers.isConsumed();
    }
  }

  /**
   * After the link ended: the last messages, then the queue forgets this client. Only what was
   * published when the link ended is drained, so that a client that goes on writing can't keep
   * this thread.
   */
  private void finish() {
    queue.stopTaking(this);
    try {
      if (puts != null) {
        long end = puts.ring().published();
        while (puts.ring().consumed() < end && drain() > 0) {
          // A message cut short by the client's death stays behind.
        }
      }
    } catch (IOException | CorruptRingException e) {
      // A faulty client: what it wrote after its last good message is not trusted.
    }
    queue.disconnected(this);
    if (path != null) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // The runtime folder goes at exit anyway.
      }
    }
  }

  /** Messages published in the puts ring and not yet drained. */
  long undrained() {
    RingReader r = puts;
    return r == null ? 0 : Math.max(0, r.ring().messagesPublished() - drained);
  }

  /** The queue was closed: tells the client, and ends the link. */
  void queueClosed() {
    WireOutput out = new WireOutput(64);
    out.writeByte(QueueProtocol.CLOSED);
    out.writeString("closed");
    try {
      link.send(out);
    } catch (IOException e) {
      // The client is gone already.
    }
    link.close();
  }

  /**
   * Answers the client's demand with {@code element}, or with nothing if null. From any thread,
   * outside the queue's lock; never waits on the client's process (at most one answer is unread
   * at a time, so the ring has room, or the client is faulty), except for an element too large
   * for the ring, which goes in parts as fast as the client reads them, and fails once the client
   * has read nothing for the link's stall timeout. An element that can't be delivered
   * (the client is gone or faulty: it is dropped) goes back to the queue.
   */
  void answer(byte[] element) {
    byte[] message = element == null ? NONE : element;
    boolean delivered;
    try {
      delivered =
          message.length <= answers.maxFragment() ? offer(message) : sendInParts(message);
    } catch (CorruptRingException e) {
      delivered = false;
    }
    if (!delivered) {
      // The link's thread sees the end and cleans up.
      link.close();
      if (element != null) {
        queue.undeliverable(element);
      }
    }
  }

  private boolean offer(byte[] message) {
    synchronized (answers) {
      return answers.offer(message, 0, message.length);
    }
  }

  /** Sends an element in frames of at most {@link QueueProtocol#PART} bytes; false if it failed. */
  private boolean sendInParts(byte[] element) {
    try {
      for (int at = 0; at < element.length; at += QueueProtocol.PART) {
        int n = Math.min(QueueProtocol.PART, element.length - at);
        boolean last = at + n == element.length;
        WireOutput out = new WireOutput(n + 1);
        out.writeByte(last ? QueueProtocol.ELEMENT : QueueProtocol.ELEMENT_PART);
        out.writeRaw(element, at, n);
        // Waits for the client to read each part, as long as it reads: a large element must not
        // pile up unread in this JVM, and only a client that stops reading is cut.
        link.sendWaiting(out);
      }
      return true;
    } catch (IOException e) {
      // The last frame did not go out whole: the client can't have the element.
      return false;
    }
  }

  void sendGrant(int slots) {
    WireOutput out = new WireOutput(8);
    out.writeByte(QueueProtocol.GRANT);
    out.writeVarInt(slots);
    sendOrDrop(out);
  }

  private void sendOrDrop(WireOutput frame) {
    try {
      link.send(frame);
    } catch (IOException e) {
      // The client is gone: its link's thread sees the end and cleans up.
      link.close();
    }
  }

  // ---- Under the queue's lock ----------------------------------------------------------------

  boolean isTaking() {
    return taking;
  }

  void taking(boolean taking) {
    this.taking = taking;
  }

  int credits() {
    return credits;
  }

  void grantCredits(int n) {
    credits += n;
  }

  void useCredits(int n) {
    credits -= n;
  }

  /** The client's doorbell: room in its puts ring, or an answer for its get. */
  private final class Doorbell implements Gate {
    @Override
    public void wakePeer() {
      WireOutput out = new WireOutput(1);
      out.writeByte(QueueProtocol.WAKE);
      sendOrDrop(out);
    }

    @Override
    public void checkOpen(boolean midMessage) {}
  }
}

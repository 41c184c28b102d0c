package dev.subprocess.internal.pipe;

import dev.subprocess.internal.ring.CorruptRingException;
import dev.subprocess.internal.ring.Gate;
import dev.subprocess.internal.ring.OneToOneRing;
import dev.subprocess.internal.ring.RingReader;
import dev.subprocess.internal.ring.RingWriter;
import dev.subprocess.internal.wire.Values;
import dev.subprocess.internal.wire.WireOutput;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An end of a pipe in the JVM that holds it: it writes ring {@code end} and reads ring {@code 1 -
 * end} of the pipe's file. What differs between the host and elsewhere (how the rings are reached,
 * how the peer is woken, what moving and closing tell the host) is left to the subclasses.
 *
 * <p>Lifecycle: {@code OPEN -> MOVED} (its handle was written: someone else holds it now) or
 * {@code OPEN -> CLOSED}. A call waiting when it moves or closes is woken and throws {@link
 * IllegalStateException}; a message it is halfway through is finished first, so that the rings
 * stay whole for the next holder.
 *
 * <p>Thread-safe: one send and one receive at a time.
 */
abstract class RingEnd extends PipeEndpoint {
  private static final int OPEN = 0;
  private static final int MOVED = 1;
  private static final int CLOSED = 2;
  private static final int KEEP_BUFFER_AT_MOST = 1 << 16;

  final int end;
  private final ReentrantLock sendLock = new ReentrantLock();
  private final ReentrantLock receiveLock = new ReentrantLock();
  /** Guarded by sendLock. */
  private WireOutput encoded = new WireOutput(256);
  private volatile int state = OPEN;
  private volatile RingWriter writer;
  private volatile RingReader reader;

  RingEnd(int end) {
    this.end = end;
  }

  // ---- What subclasses provide --------------------------------------------------------------

  /**
   * Makes the rings ready, calling {@link #rings} the first time.
   *
   * @return false if the pipe cannot be reached (its host has ended)
   */
  abstract boolean attach();

  /** Rings the doorbell of the other end's holder. */
  abstract void wakePeer();

  /** Why the pipe is unreachable (its host has ended), or null. */
  abstract String unreachable();

  /** This end was closed here, after its rings' flags were set (if it ever used them). */
  abstract void closed();

  /** This end is moving: tells the host, and returns the handle's generation. */
  abstract long moved();

  /** Writes the handle of generation {@code generation}. */
  abstract void writeHandle(WireOutput out, long generation);

  /** Called when the process the end was sent to ends, if that was while it started. */
  abstract Transfers.Claim claim(long generation);

  // ---- Connection ---------------------------------------------------------------------------

  final void rings(OneToOneRing out, OneToOneRing in) {
    writer = new RingWriter(out, new Doorbell(false));
    reader = new RingReader(in, new Doorbell(true));
  }

  @Override
  public final void send(Object message) throws InterruptedException {
    Objects.requireNonNull(message, "a Connection sends no null messages");
    sendLock.lockInterruptibly();
    try {
      checkState();
      WireOutput out = encoded;
      out.reset();
      Values.write(out, message);
      if (!attach()) {
        throw broken(unreachable());
      }
      RingWriter w = writer;
      if (w.ring().isReaderClosed()) {
        throw broken("the other end of the pipe is closed");
      }
      try {
        w.write(out.array(), 0, out.size());
      } catch (CorruptRingException e) {
        throw corrupt(e);
      }
      if (out.array().length > KEEP_BUFFER_AT_MOST) {
        encoded = new WireOutput(256);
      }
    } finally {
      sendLock.unlock();
    }
  }

  @Override
  public final Object recv() throws InterruptedException {
    byte[] message;
    receiveLock.lockInterruptibly();
    try {
      checkState();
      if (!attach()) {
        throw endOfFile(unreachable());
      }
      try {
        message = reader.take(0);
      } catch (CorruptRingException e) {
        throw corrupt(e);
      }
      if (message == null) {
        checkState();
        throw endOfFile(whyEnded());
      }
    } finally {
      receiveLock.unlock();
    }
    return Values.decode(message);
  }

  @Override
  public final boolean poll(long timeoutNanos) throws InterruptedException {
    receiveLock.lockInterruptibly();
    try {
      checkState();
      if (!attach()) {
        return true;
      }
      RingReader r = reader;
      try {
        if (!r.isEmpty() || r.ring().isWriterClosed() || unreachable() != null) {
          return true;
        }
      } catch (CorruptRingException e) {
        return true;
      }
      if (timeoutNanos <= 0) {
        return false;
      }
      try {
        return r.await(System.nanoTime() + timeoutNanos) || r.ring().isWriterClosed();
      } catch (UncheckedIOException | CorruptRingException e) {
        // The pipe became unreachable or unusable: recv would not wait, it would throw.
        return true;
      }
    } finally {
      receiveLock.unlock();
    }
  }

  @Override
  public final void close() {
    synchronized (this) {
      if (state != OPEN) {
        return;
      }
      state = CLOSED;
    }
    RingWriter w = writer;
    RingReader r = reader;
    if (w != null) {
      w.ring().closeWriter(PipeProtocol.CLOSED_BY_HOLDER);
      r.ring().closeReader();
    }
    wakeSleepers();
    closed();
  }

  @Override
  final void moveTo(WireOutput out) {
    synchronized (this) {
      if (state != OPEN) {
        throw new IllegalStateException(stateMessage() + ": it cannot be sent");
      }
      state = MOVED;
    }
    wakeSleepers();
    // Wait for a send or a receive in progress (it throws now, or finishes its message), so that
    // the next holder takes over whole rings.
    sendLock.lock();
    receiveLock.lock();
    long generation;
    try {
      generation = moved();
    } finally {
      receiveLock.unlock();
      sendLock.unlock();
    }
    writeHandle(out, generation);
    Transfers.moved(claim(generation));
  }

  /** Wakes whatever waits on this end here. */
  final void wakeSleepers() {
    RingWriter w = writer;
    if (w != null) {
      w.parker().wake();
      reader.parker().wake();
    }
  }

  final boolean isOpen() {
    return state == OPEN;
  }

  private void checkState() {
    if (state != OPEN) {
      throw new IllegalStateException(stateMessage());
    }
  }

  private String stateMessage() {
    return state == MOVED
        ? "this end of the pipe was sent to another process"
        : "this end of the pipe is closed";
  }

  private String whyEnded() {
    String unreachable = unreachable();
    if (unreachable != null) {
      return unreachable;
    }
    return reader.ring().writerClosedReason() == PipeProtocol.HOLDER_ENDED
        ? "the process that held the other end of the pipe has ended"
        : "the other end of the pipe is closed";
  }

  /**
   * The holder of the other end wrote its ring's positions or records wrong: this end is closed,
   * and the call fails.
   */
  private UncheckedIOException corrupt(CorruptRingException e) {
    close();
    return broken("the pipe's shared memory is corrupt, and this end is closed: " + e.getMessage());
  }

  private static UncheckedIOException endOfFile(String why) {
    return new UncheckedIOException(why, new EOFException(why));
  }

  private static UncheckedIOException broken(String why) {
    return new UncheckedIOException(why, new IOException(why));
  }

  /** One ring's view of the rest of the pipe: how to wake the peer, and whether to go on. */
  private final class Doorbell implements Gate {
    private final boolean reading;

    Doorbell(boolean reading) {
      this.reading = reading;
    }

    @Override
    public void wakePeer() {
      RingEnd.this.wakePeer();
    }

    @Override
    public void checkOpen(boolean midMessage) {
      if (!midMessage) {
        checkState();
      }
      String unreachable = unreachable();
      if (reading) {
        if (unreachable != null) {
          throw endOfFile(unreachable);
        }
      } else if (unreachable != null) {
        throw broken(unreachable);
      } else if (writer.ring().isReaderClosed()) {
        throw broken("the other end of the pipe is closed");
      }
    }
  }
}

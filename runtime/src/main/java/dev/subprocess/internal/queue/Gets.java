package dev.subprocess.internal.queue;

import dev.subprocess.internal.ring.Backoff;
import dev.subprocess.internal.ring.Parker;
import dev.subprocess.internal.ring.RingReader;
import dev.subprocess.internal.ring.SharedLong;
import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.WireInput;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A client's gets (see {@link QueueProtocol}): a get raises the demand by one and waits for the
 * host's answer, in the answers ring or, for a large element, in frames; a get that gives up
 * sends CANCEL and the host answers it anyway, with the element if it had sent it already (the
 * next get here returns it) or with an empty message. At most one demand is outstanding.
 *
 * <p>Thread-safe: gets take their turn; the frames of large answers arrive on the reader thread.
 */
final class Gets {
  /** How gets reach the host. */
  interface Host {
    /** The demand was raised: wakes the host if it sleeps. */
    void demandRaised();

    /** The get waiting for the demand gave up. */
    void cancel();

    /** Throws {@link IllegalStateException} if the queue can no longer be used here. */
    void checkOpen();

    boolean isOpen();
  }

  private final Host host;
  private final SharedLong demand;
  private final RingReader answers;
  /**
   * Answers too large for the answers ring, which came as frames; guarded by itself. Not a
   * ConcurrentLinkedQueue, whose VarHandles would cost every child that receives a queue some
   * milliseconds of its start.
   */
  private final ArrayDeque<byte[]> largeAnswers = new ArrayDeque<>(1);
  /** The parts of a large answer so far; on the reader thread only. */
  private ByteArrayOutputStream parts;

  private final ReentrantLock lock = new ReentrantLock();
  // Guarded by lock.
  private long demanded;
  private boolean demanding;
  private boolean cancelSent;

  Gets(Host host, SharedLong demand, RingReader answers) {
    this.host = host;
    this.demand = demand;
    this.answers = answers;
  }

  /**
   * Removes the next element, waiting for the host's answer.
   *
   * @param timeoutNanos negative for as long as it takes
   * @return the element, encoded; null if none came within the timeout
   */
  byte[] get(long timeoutNanos) throws InterruptedException {
    long deadline = timeoutNanos < 0 ? 0 : (System.nanoTime() + timeoutNanos) | 1;
    lock.lockInterruptibly();
    try {
      boolean timedOut = false;
      while (true) {
        host.checkOpen();
        byte[] element = nextAnswer();
        if (element != null) {
          if (element.length > 0) {
            return element;
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
          host.demandRaised();
        }
        boolean answered;
        try {
          answered = awaitAnswer(deadline, true);
        } catch (InterruptedException e) {
          cancel();
          throw e;
        }
        if (!answered) {
          timedOut = true;
          cancel();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** A part of a large answer, from the host's frame; on the reader thread. */
  void part(WireInput frame, boolean last) {
    if (parts == null) {
      parts = new ByteArrayOutputStream(Math.max(64, frame.remaining()));
    }
    byte[] bytes = new byte[frame.remaining()];
    frame.readRaw(bytes, 0, bytes.length);
    if ((long) parts.size() + bytes.length > Integer.MAX_VALUE - 8) {
      throw new MalformedMessageException("an answer longer than an array", 0);
    }
    parts.write(bytes, 0, bytes.length);
    if (last) {
      byte[] element = parts.toByteArray();
      parts = null;
      synchronized (largeAnswers) {
        largeAnswers.add(element);
      }
      answers.parker().wake();
    }
  }

  /** Wakes a get that sleeps: the host rang, or the queue closed here. */
  void wake() {
    answers.parker().wake();
  }

  /** Under the lock: the next answer to the demand, from the ring or frames, or null. */
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
   * Under the lock: waits for an answer until {@code deadline} (0 for none); looks for a few
   * microseconds, then sleeps until the host's doorbell.
   *
   * @return false at the deadline
   */
  private boolean awaitAnswer(long deadline, boolean interruptible) throws InterruptedException {
    boolean interrupted = false;
    try {
      long start = System.nanoTime();
      for (int i = 0; answers.isEmpty() && noLargeAnswer(); i++) {
        host.checkOpen();
        if (deadline != 0 && System.nanoTime() - deadline >= 0) {
          return false;
        }
        if (!Backoff.idle(i, start)) {
          Parker parker = answers.parker();
          parker.arm();
          try {
            if (answers.prepareToSleep()) {
              if (noLargeAnswer() && host.isOpen()) {
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

  /** Under the lock: the get waiting for the demand gives up; the host still answers it. */
  private void cancel() {
    if (demanding && !cancelSent && host.isOpen()) {
      cancelSent = true;
      host.cancel();
    }
  }
}

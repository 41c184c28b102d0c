package dev.subprocess.internal.queue;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A client's slots of a bounded queue (see {@link QueueProtocol}): a put takes one before it
 * publishes; with none here, it asks the host for one ({@code WANT}, one outstanding at a time)
 * and waits. A slot that no put here waits for goes back to the host at once ({@code RETURN}),
 * so that none idles here while a put elsewhere waits: one granted after its put gave up, one a
 * put could not fill, and one granted to a put that was interrupted as it arrived.
 *
 * <pre>{@code
 * if (!slots.acquire(timeoutNanos)) return false;
 * try { publish(); } catch (...) { slots.arrived(1, false); throw ...; }
 * }</pre>
 *
 * <p>Thread-safe; the host's frames are sent with the lock held, so that a RETURN never passes the
 * WANT before it.
 */
final class Slots {
  /** How slots reach the host. */
  interface Host {
    void want();

    void giveBack(int slots);

    /** Throws {@link IllegalStateException} if the queue can no longer be used here. */
    void checkOpen();

    boolean isOpen();
  }

  private final Host host;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition granted = lock.newCondition();
  // Guarded by lock.
  private int slots;
  private boolean wantOutstanding;
  private int waiters;

  Slots(Host host) {
    this.host = host;
  }

  /**
   * Takes a slot, waiting for the host to grant one.
   *
   * @param timeoutNanos negative for as long as it takes
   * @return false if none came within the timeout
   */
  boolean acquire(long timeoutNanos) throws InterruptedException {
    lock.lockInterruptibly();
    boolean acquired = false;
    try {
      waiters++;
      long nanos = timeoutNanos;
      while (slots == 0) {
        host.checkOpen();
        if (!wantOutstanding) {
          wantOutstanding = true;
          host.want();
        }
        if (timeoutNanos < 0) {
          granted.await();
        } else if (nanos <= 0) {
          return false;
        } else {
          nanos = granted.awaitNanos(nanos);
        }
      }
      slots--;
      acquired = true;
      return true;
    } finally {
      waiters--;
      if (!acquired) {
        // A grant that came while this put was leaving (interrupted, say) is for nobody here.
        giveBackIfUnwanted();
      }
      lock.unlock();
    }
  }

  /**
   * Slots granted by the host ({@code grant}), or one a put could not fill: a put waiting here
   * takes them; with none waiting, they go back.
   */
  void arrived(int n, boolean grant) {
    lock.lock();
    try {
      if (grant) {
        wantOutstanding = false;
      }
      slots += n;
      if (waiters > 0) {
        granted.signalAll();
      } else {
        giveBackIfUnwanted();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Wakes every put waiting here, to see that the queue is closed. */
  void wakeAll() {
    lock.lock();
    try {
      granted.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Under the lock. */
  private void giveBackIfUnwanted() {
    if (waiters == 0 && slots > 0 && host.isOpen()) {
      int unused = slots;
      slots = 0;
      host.giveBack(unused);
    }
  }

  /** For tests: the lock, to hold a put between its wake-up and its return. */
  ReentrantLock lock() {
    return lock;
  }
}

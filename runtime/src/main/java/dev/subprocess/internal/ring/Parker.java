package dev.subprocess.internal.ring;

import java.util.concurrent.locks.LockSupport;

/**
 * Where one thread of this process sleeps until a doorbell rings for it. The sleeper {@linkplain
 * #arm() arms} the parker before it raises a ring's parked flag, so that a {@link #wake()} that
 * comes in between is not lost: {@code LockSupport}'s permit carries it to the next {@link #park}.
 *
 * <pre>{@code
 * parker.arm();
 * ring.setReaderParked();
 * if (ring.isEmpty()) parker.park(deadline);   // any thread: parker.wake()
 * parker.disarm();
 * }</pre>
 *
 * <p>One sleeper at a time (callers hold the lock of their side); {@link #wake()} from any thread.
 */
public final class Parker {
  private volatile Thread sleeper;

  public void arm() {
    sleeper = Thread.currentThread();
  }

  public void disarm() {
    sleeper = null;
  }

  /**
   * Sleeps until woken, interrupted or the deadline ({@link System#nanoTime()}; 0 for none); may
   * return early for no reason, so the caller looks again.
   *
   * @throws InterruptedException if the thread is interrupted, with its status cleared
   */
  public void park(long deadline) throws InterruptedException {
    if (deadline == 0) {
      LockSupport.park(this);
    } else {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        LockSupport.parkNanos(this, left);
      }
    }
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
  }

  /** Wakes the sleeper, if there is one. */
  public void wake() {
    Thread t = sleeper;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }
}

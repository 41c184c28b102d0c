package dev.subprocess.internal.ring;

import java.util.concurrent.atomic.AtomicReference;

/** For tests: waiting until a thread sleeps, as a get or a recv that found nothing does. */
public final class Sleepers {
  private Sleepers() {}

  /** Waits until the thread that {@code thread} will hold is parked. */
  public static void awaitSleeping(AtomicReference<Thread> thread) {
    while (true) {
      Thread t = thread.get();
      if (t != null) {
        Thread.State state = t.getState();
        if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
          return;
        }
      }
      Thread.onSpinWait();
    }
  }
}

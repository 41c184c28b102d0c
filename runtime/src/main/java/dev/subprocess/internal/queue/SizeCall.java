package dev.subprocess.internal.queue;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A client's SIZE and its answer, SIZE_IS, which the reader thread hands over: one call at a
 * time. The wait is not interruptible (the answer comes at once, or the queue closes, which
 * {@link #wakeAll()} tells); an interrupt is kept for the caller.
 *
 * <p>Thread-safe.
 */
final class SizeCall {
  /** How the question reaches the host. */
  interface Host {
    void ask();

    /** Throws {@link IllegalStateException} if the queue can no longer be used here. */
    void checkOpen();
  }

  private final Host host;
  private final ReentrantLock calls = new ReentrantLock();
  /** Guarded by this; -1 until the answer comes. */
  private int answer = -1;

  SizeCall(Host host) {
    this.host = host;
  }

  int call() {
    calls.lock();
    try {
      synchronized (this) {
        answer = -1;
      }
      host.ask();
      boolean interrupted = false;
      synchronized (this) {
        while (answer < 0) {
          host.checkOpen();
          try {
            wait();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
        return answer;
      }
    } finally {
      calls.unlock();
    }
  }

  /** The host's answer, from the reader thread. */
  synchronized void answered(int size) {
    answer = Math.max(0, size);
    notifyAll();
  }

  /** Wakes a call waiting, to see that the queue is closed. */
  synchronized void wakeAll() {
    notifyAll();
  }
}

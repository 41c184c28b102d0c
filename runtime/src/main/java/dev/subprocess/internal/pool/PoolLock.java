package dev.subprocess.internal.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one lock of a pool, under which its parts decide, and the tasks they give up on: those are
 * claimed under the lock ({@link #claim}, {@link #claimHeld}) and failed by {@link #unlock} once
 * the thread no longer holds it, since failing a task wakes its waiters and runs the stages
 * chained to its future. No claim is dropped on the way: whatever a sink throws, every claimed
 * task is failed and uncounted ({@link Settlement#fail}).
 *
 * <pre>{@code
 * lock.lock();
 * try {
 *   lock.claimHeld(worker, failure);   // decided here...
 * } finally {
 *   lock.unlock();                     // ...failed here, outside the lock
 * }
 * }</pre>
 *
 * <p>Thread-safe; reentrant. The claims of a nested hold are failed when the outermost one ends.
 */
final class PoolLock {
  private final ReentrantLock lock = new ReentrantLock();
  private final Settlement settlement;
  /** Claimed under the lock, failed once it is released. Guarded by lock. */
  private final List<Settlement.Claim> claims = new ArrayList<>();

  PoolLock(Settlement settlement) {
    this.settlement = settlement;
  }

  void lock() {
    lock.lock();
  }

  /**
   * Releases the lock, and fails what was claimed under it once this thread no longer holds it.
   */
  void unlock() {
    List<Settlement.Claim> toFail = null;
    if (lock.getHoldCount() == 1 && !claims.isEmpty()) {
      toFail = new ArrayList<>(claims);
      claims.clear();
    }
    lock.unlock();
    if (toFail != null) {
      settlement.fail(toFail);
    }
  }

  Condition newCondition() {
    return lock.newCondition();
  }

  boolean isHeldByCurrentThread() {
    return lock.isHeldByCurrentThread();
  }

  /** Claims a job's unsettled tasks, to be failed once the lock is released. Under the lock. */
  void claim(Job job, RuntimeException failure) {
    Settlement.Claim claim = Settlement.claim(job, failure);
    if (claim != null) {
      claims.add(claim);
    }
  }

  /** Claims the tasks a worker holds, the one it is receiving first. Under the lock. */
  void claimHeld(Worker worker, RuntimeException failure) {
    Job current = worker.current;
    if (current != null) {
      claim(current, failure);
    }
    for (Job job : worker.held) {
      claim(job, failure);
    }
  }
}

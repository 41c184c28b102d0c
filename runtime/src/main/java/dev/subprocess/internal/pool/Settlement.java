package dev.subprocess.internal.pool;

import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The settling of a pool's tasks, and the count of those not settled yet, which {@code close()}
 * waits to reach zero.
 *
 * <p>The protocol: a task is counted when submitted ({@link #added}); whoever claims it (see
 * {@link Job}) settles it and then uncounts it, whatever is thrown meanwhile: a worker's reader
 * settles results one by one and uncounts them by the run ({@link #settled}); whoever gives up on
 * tasks (a worker's end, {@code terminate()}, a pool that cannot start) claims them under the
 * pool's lock as {@link Claim}s and fails them here, outside it ({@link #fail(List)}), because a
 * sink wakes its waiters and a future runs the stages chained to it.
 *
 * <p>Thread-safe.
 */
final class Settlement {
  /** Tasks of one job to fail, from {@code from} on, with one exception. */
  static final class Claim {
    final Job job;
    final int from;
    final RuntimeException failure;

    Claim(Job job, int from, RuntimeException failure) {
      this.job = job;
      this.from = from;
      this.failure = failure;
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition none = lock.newCondition();
  /** Tasks submitted and not settled. */
  private long pending;

  /** {@code tasks} more tasks were submitted. */
  void added(int tasks) {
    lock.lock();
    try {
      pending += tasks;
    } finally {
      lock.unlock();
    }
  }

  /** {@code tasks} tasks, claimed before, have been settled. */
  void settled(int tasks) {
    if (tasks == 0) {
      return;
    }
    lock.lock();
    try {
      pending -= tasks;
      if (pending == 0) {
        none.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Whether a task submitted is not settled yet. */
  boolean anyPending() {
    lock.lock();
    try {
      return pending > 0;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until every task submitted so far is settled. */
  void awaitNone() throws InterruptedException {
    lock.lock();
    try {
      while (pending > 0) {
        none.await();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Claims a job's unsettled tasks, to be failed by {@link #fail(List)}; null if none is left.
   * They stay counted until then.
   */
  static Claim claim(Job job, RuntimeException failure) {
    int from = job.claimRest();
    return from < job.size ? new Claim(job, from, failure) : null;
  }

  /** Fails what was claimed, every task of it whatever a sink throws, then uncounts it. */
  void fail(List<Claim> claims) {
    Throwable thrown = null;
    for (Claim c : claims) {
      try {
        thrown = fail(c.job, c.from, c.failure, thrown);
      } finally {
        settled(c.job.size - c.from);
      }
    }
    rethrow(thrown);
  }

  /** Fails tasks of a job that were claimed and never counted (refused at submission). */
  static void failUncounted(Job job, int from, RuntimeException failure) {
    rethrow(fail(job, from, failure, null));
  }

  private static Throwable fail(Job job, int from, RuntimeException failure, Throwable thrown) {
    for (int i = from; i < job.size; i++) {
      try {
        job.sink.failed(job.firstIndex + i, failure);
      } catch (Throwable t) {
        thrown = first(thrown, t);
      }
    }
    try {
      job.sink.delivered();
    } catch (Throwable t) {
      thrown = first(thrown, t);
    }
    return thrown;
  }

  private static Throwable first(Throwable thrown, Throwable t) {
    if (thrown == null) {
      return t;
    }
    if (thrown != t) {
      thrown.addSuppressed(t);
    }
    return thrown;
  }

  /** What a sink threw goes on, once every task has had its turn. */
  private static void rethrow(Throwable thrown) {
    if (thrown instanceof RuntimeException) {
      throw (RuntimeException) thrown;
    }
    if (thrown instanceof Error) {
      throw (Error) thrown;
    }
  }
}

package dev.subprocess.internal.pool;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tasks submitted together and sent to one worker together: their encoded task records (see
 * {@link Protocol}), and where their results go.
 *
 * <p>Each task is settled exactly once. Its worker's reader settles the tasks in order as their
 * results come ({@link #claimNext}); whoever gives up on the rest, because the worker died or the
 * pool was terminated, claims them all at once ({@link #claimRest}) and fails them.
 */
final class Job {
  final Sink sink;
  /** The index, in the sink, of the first task. */
  final int firstIndex;
  final int size;
  /** Task records, back to back. */
  final byte[] tasks;
  /** The highest entry number the tasks use. */
  final int maxEntry;

  /** The results received so far; only the reader of the worker that holds the job uses it. */
  int received;
  /** The tasks settled so far, which are the first ones. */
  private final AtomicInteger settled = new AtomicInteger();

  Job(Sink sink, int firstIndex, int size, byte[] tasks, int maxEntry) {
    this.sink = sink;
    this.firstIndex = firstIndex;
    this.size = size;
    this.tasks = tasks;
    this.maxEntry = maxEntry;
  }

  /** Claims task {@code n} (0-based), the next in order; false if the rest was claimed. */
  boolean claimNext(int n) {
    return settled.compareAndSet(n, n + 1);
  }

  /** Claims every task not settled yet; returns the first of them ({@link #size} if none). */
  int claimRest() {
    return settled.getAndSet(size);
  }

  /** The tasks not settled yet. */
  int unsettled() {
    return size - settled.get();
  }
}

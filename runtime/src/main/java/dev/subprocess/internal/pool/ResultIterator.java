package dev.subprocess.internal.pool;

import dev.subprocess.internal.process.Invocation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.function.Function;

/**
 * The results of {@code imap}, {@code imapUnordered} and {@code map}: reads the inputs lazily, on
 * the consumer's thread, and keeps at most {@code readAhead} tasks in flight ahead of what the
 * consumer has taken; a subclass decides the order in which results come out.
 *
 * <p>An exception thrown by the inputs' iterator or by the function, or a task that can't be sent
 * (an argument that is not transferable), is the result at that input's place: {@code next()}
 * throws it there. The inputs' iterator is not read after it has thrown.
 *
 * <p>Not thread-safe: one consumer at a time, as for any iterator. The pool's threads deliver
 * results through the {@link Sink} side.
 *
 * @param <T> the inputs
 * @param <R> the results
 */
public abstract class ResultIterator<T, R> implements Iterator<R>, Sink {
  /** With automatic batching, a batch holds about this much work. */
  private static final long BATCH_NANOS = 100_000;

  /** The largest automatic batch. */
  static final int MAX_AUTO_BATCH = 256;

  /** Jobs are handed to the pool in groups of about this many tasks, while the rest is read. */
  private static final int SUBMIT_TASKS = 64;

  /** A job stops growing at about this size. */
  private static final int MAX_JOB_BYTES = 256 * 1024;

  /** Stands for a null result, null being an empty slot. */
  static final Object NULL = new Object();

  private final PoolCore core;
  private final Iterator<? extends T> inputs;
  private final Function<? super T, ? extends Invocation<R>> function;
  private final int batchSize;
  private final int readAhead;
  private final JobEncoder encoder;
  /** The index the next input gets. */
  private int submitted;
  /** The results taken. */
  private int consumed;
  private boolean exhausted;

  /**
   * @param batchSize tasks per job; 0 to size the batches by how long tasks take
   * @param readAhead the most tasks in flight ahead of the consumer
   */
  ResultIterator(
      PoolCore core, Iterator<? extends T> inputs, Function<? super T, ? extends Invocation<R>> function,
      int batchSize, int readAhead) {
    this.core = core;
    this.inputs = inputs;
    this.function = function;
    this.batchSize = batchSize;
    this.readAhead = readAhead;
    this.encoder = new JobEncoder(core.entryIds(), 256);
  }

  @Override
  public final boolean hasNext() {
    if (consumed < submitted) {
      return true;
    }
    if (!exhausted) {
      feed();
    }
    return consumed < submitted;
  }

  /**
   * Waits for the next result and returns it.
   *
   * @throws RuntimeException the failure of its task, as the pool's {@link FailureFactory} made it
   * @throws CancellationException if this thread is interrupted while it waits (the interrupt
   *     flag stays set, and the result stays for the next call)
   * @throws IllegalStateException if the pool was closed or terminated before the task was given
   */
  @Override
  public final R next() {
    try {
      return next(false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      CancellationException cancelled =
          new CancellationException("interrupted while waiting for the next result");
      cancelled.initCause(e);
      throw cancelled;
    }
  }

  /** {@link #next()} that throws InterruptedException, for {@code map}. */
  public final R nextInterruptibly() throws InterruptedException {
    return next(true);
  }

  private R next(boolean interruptible) throws InterruptedException {
    core.requireNotDelivering("next()");
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    if (!exhausted && submitted - consumed <= readAhead / 2) {
      feed();
    }
    Object result = take(interruptible);
    consumed++;
    return unwrap(result);
  }

  /** Waits for a result and removes it: the next in order, or any. */
  abstract Object take(boolean interruptible) throws InterruptedException;

  /** Puts a result that did not come from a worker at {@code index}. */
  abstract void local(int index, Object result);

  /** The index of the next result in order. */
  final int consumed() {
    return consumed;
  }

  // Unchecked, as R is erased: a result is what the task's generated launcher returned.
  @SuppressWarnings("unchecked")
  private R unwrap(Object result) {
    if (result instanceof Failed) {
      // A task's failure anew, whose stack trace is the consumer's, with the same story.
      throw core.failures().rethrown(((Failed) result).failure);
    }
    return result == NULL ? null : (R) result;
  }

  /** Reads inputs and submits their tasks until {@code readAhead} are in flight or none is left. */
  private void feed() {
    int batch = batchSize > 0 ? batchSize : autoBatch();
    List<Job> jobs = new ArrayList<>();
    int jobTasks = 0;
    while (submitted + encoder.tasks() - consumed < readAhead) {
      T input;
      try {
        if (!inputs.hasNext()) {
          exhausted = true;
          break;
        }
        input = inputs.next();
      } catch (RuntimeException e) {
        exhausted = true;
        jobTasks += finishJob(jobs);
        local(submitted++, new Failed(e));
        break;
      }
      try {
        encoder.add(function.apply(input));
      } catch (RuntimeException e) {
        jobTasks += finishJob(jobs);
        local(submitted++, new Failed(e));
        continue;
      }
      if (encoder.tasks() >= batch || encoder.bytes() >= MAX_JOB_BYTES) {
        jobTasks += finishJob(jobs);
        if (jobTasks >= SUBMIT_TASKS) {
          submit(jobs);
          jobTasks = 0;
        }
      }
    }
    finishJob(jobs);
    submit(jobs);
  }

  private int finishJob(List<Job> jobs) {
    int tasks = encoder.tasks();
    if (tasks > 0) {
      jobs.add(encoder.finish(this, submitted));
      submitted += tasks;
    }
    return tasks;
  }

  private void submit(List<Job> jobs) {
    if (jobs.isEmpty()) {
      return;
    }
    try {
      core.submitAll(jobs);
    } catch (IllegalStateException e) {
      // The pool is closed: these tasks never run, and say why where their results would be.
      exhausted = true;
      for (Job job : jobs) {
        for (int i = 0; i < job.size; i++) {
          local(job.firstIndex + i, new Failed(e));
        }
      }
    }
    jobs.clear();
  }

  private int autoBatch() {
    long average = core.averageNanos();
    if (average < 0) {
      return 1;
    }
    return (int) Math.max(1, Math.min(MAX_AUTO_BATCH, BATCH_NANOS / Math.max(1, average)));
  }

  /** A result that is an exception to throw. */
  static final class Failed {
    final RuntimeException failure;

    Failed(RuntimeException failure) {
      this.failure = failure;
    }
  }
}

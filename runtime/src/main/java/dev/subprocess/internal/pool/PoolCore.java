package dev.subprocess.internal.pool;

import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.process.Children;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * A pool's lifecycle, and what ties its parts together under one {@link PoolLock}: the {@link
 * Scheduler} decides which worker gets which job, the {@link WorkerEvents} start, watch and
 * replace the workers (kept in a {@link WorkerSet}), each worker's {@link WorkerWriter} and {@link
 * WorkerReader} send its tasks and receive its results, and the {@link Settlement} counts the
 * tasks not settled.
 *
 * <p>Faults are the worker events' to judge; a pool that can have no worker is broken: its
 * waiting tasks and every later one fail with the failure that broke it. Tasks given up on are
 * claimed under the lock and failed as it is released, so that no claim is ever dropped on the
 * way.
 *
 * <p>Lifecycle: {@code RUNNING -> CLOSED -> (workers exited)}, or {@code RUNNING | CLOSED ->
 * TERMINATED}. CLOSED takes no new task and stops the workers once the tasks submitted are
 * settled; TERMINATED settles every task at once, as failed, and signals the workers to stop.
 *
 * <p>Thread-safe.
 */
final class PoolCore implements Scheduler.Decisions<Worker>, WorkerEvents.Pool {
  enum State {
    RUNNING,
    CLOSED,
    TERMINATED
  }

  /** The pool whose results this thread delivers, if it is a reader. */
  private static final ThreadLocal<PoolCore> DELIVERING = new ThreadLocal<>();

  /** How long workers told to stop may take before they are killed. */
  private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final FailureFactory failures;
  private final EntryIds entryIds = new EntryIds();
  private final Settlement settlement = new Settlement();
  private final PoolLock lock = new PoolLock(settlement);
  /** Signalled when a worker exits or the state changes. */
  private final Condition changed = lock.newCondition();
  private final Scheduler<Worker> scheduler;
  private final WorkerLauncher launcher;
  private final WorkerEvents events;
  private final WorkerSet workers;
  private State state = State.RUNNING;
  /** Why no task can run any more, once no worker can be had. */
  private RuntimeException broken;

  /**
   * @param maxTasksPerChild 0 for no limit
   * @param initializer the initializer's record ({@code string launcher, varint argc,
   *     value[argc]}), or null
   */
  PoolCore(
      int maxTasksPerChild, List<String> jvmOptions, byte[] initializer, FailureFactory failures) {
    this.failures = failures;
    this.scheduler = new Scheduler<>(maxTasksPerChild, this);
    this.launcher = new ColdLauncher(jvmOptions, initializer);
    this.events =
        new WorkerEvents(
            lock, scheduler, launcher, Children::exited, failures, jvmOptions, this);
    this.workers = events.workers();
  }

  EntryIds entryIds() {
    return entryIds;
  }

  FailureFactory failures() {
    return failures;
  }

  Settlement settlement() {
    return settlement;
  }

  /** How long tasks have been taking lately, in nanoseconds; −1 before the first result. */
  long averageNanos() {
    return scheduler.averageNanos();
  }

  /**
   * Starts the workers, then opens what they connect to, so that they boot meanwhile.
   *
   * @throws java.io.UncheckedIOException if a JVM cannot be spawned or the socket cannot be opened
   */
  void start(int processes) {
    Throwable failed = null;
    lock.lock();
    try {
      for (int i = 0; i < processes; i++) {
        workers.launch();
      }
      launcher.open(events);
    } catch (RuntimeException | Error e) {
      failed = e;
    } finally {
      lock.unlock();
    }
    if (failed != null) {
      terminate();
      if (failed instanceof Error) {
        throw (Error) failed;
      }
      throw (RuntimeException) failed;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Submitting

  /**
   * Queues jobs, in order.
   *
   * @throws IllegalStateException if the pool is closed or terminated
   */
  void submitAll(List<Job> jobs) {
    RuntimeException refused;
    lock.lock();
    try {
      requireRunning();
      refused = broken;
      if (refused == null) {
        int tasks = 0;
        for (Job job : jobs) {
          tasks += job.size;
        }
        settlement.added(tasks);
        scheduler.submitAll(jobs);
      } else {
        for (Job job : jobs) {
          job.claimRest();
        }
      }
    } finally {
      lock.unlock();
    }
    if (refused != null) {
      for (Job job : jobs) {
        Settlement.failUncounted(job, 0, refused);
      }
    }
  }

  /**
   * Refuses a call that waits for this pool's results on a thread that delivers them, where it
   * would wait forever: a stage chained to a future of {@code applyAsync} runs there.
   *
   * @throws IllegalStateException on such a thread
   */
  void requireNotDelivering(String member) {
    if (DELIVERING.get() == this) {
      throw new IllegalStateException(
          member + " would wait forever on " + Thread.currentThread().getName()
              + ", the thread that delivers this pool's results and runs the stages chained to its"
              + " futures: call it from another thread, e.g. with thenApplyAsync");
    }
  }

  private void requireRunning() {
    if (state != State.RUNNING) {
      throw new IllegalStateException(
          "the pool is " + (state == State.CLOSED ? "closed" : "terminated")
              + ": it takes no new tasks");
    }
  }

  /** The scheduler's decision: under the lock. */
  @Override
  public void assign(Worker worker, Job job) {
    worker.held.add(job);
    worker.outbox.addLast(job);
    worker.writerWake.signal();
  }

  /** The scheduler's decision: under the lock. */
  @Override
  public void retire(Worker worker) {
    stop(worker);
    events.replace(worker);
  }

  // ---------------------------------------------------------------------------------------------
  // What the worker events and the workers' threads ask

  @Override
  public State state() {
    lock.lock();
    try {
      return state;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean wantsWorkers() {
    return state == State.RUNNING || (state == State.CLOSED && settlement.anyPending());
  }

  /** Tells a worker to exit once it has run what it holds. Under the lock. */
  @Override
  public void stop(Worker worker) {
    scheduler.close(worker.seat);
    worker.state = Worker.State.RETIRING;
    worker.stopQueued = true;
    worker.writerWake.signal();
  }

  /** No worker can be had: fails the backlog, and every later task, with {@code failure}. */
  @Override
  public void broken(RuntimeException failure) {
    broken = failure;
    for (Job job : scheduler.drainBacklog()) {
      lock.claim(job, failure);
    }
    changed.signalAll();
  }

  @Override
  public boolean isBroken() {
    return broken != null;
  }

  @Override
  public void changed() {
    changed.signalAll();
  }

  @Override
  public Runnable writer(Worker worker) {
    return new WorkerWriter(this, worker, entryIds);
  }

  @Override
  public void read(Worker worker, Link link) {
    Thread.currentThread().setName("dev.subprocess " + worker.name + " reader");
    DELIVERING.set(this);
    new WorkerReader(this, worker, link).run();
  }

  /**
   * The writer's wait: moves the worker's outbox into {@code into}.
   *
   * @return whether STOP follows those jobs (or the worker has ended: nothing more to send)
   */
  boolean awaitOutbox(Worker worker, List<Job> into) throws InterruptedException {
    lock.lock();
    try {
      while (worker.outbox.isEmpty()
          && !worker.stopQueued
          && worker.state != Worker.State.ENDED
          && state != State.TERMINATED) {
        worker.writerWake.await();
      }
      into.addAll(worker.outbox);
      worker.outbox.clear();
      return worker.stopQueued || worker.state == Worker.State.ENDED || state == State.TERMINATED;
    } finally {
      lock.unlock();
    }
  }

  /** The reader has received the results of {@code count} tasks: room for more. */
  void returned(Worker worker, int count, long nanos) {
    if (count == 0) {
      return;
    }
    lock.lock();
    try {
      scheduler.returned(worker.seat, count, nanos);
    } finally {
      lock.unlock();
    }
  }

  /** The reader has read the link to its end and the worker's process has exited or been killed. */
  void readerDone(Worker worker) {
    events.readerDone(worker);
  }

  // ---------------------------------------------------------------------------------------------
  // Closing

  /**
   * CLOSED: waits for the tasks submitted, then stops the workers and waits for them to exit. If
   * interrupted, terminates instead and returns with the interrupt flag set.
   */
  void close() {
    requireNotDelivering("close()");
    try {
      lock.lock();
      try {
        if (state == State.RUNNING) {
          state = State.CLOSED;
          changed.signalAll();
        }
      } finally {
        lock.unlock();
      }
      settlement.awaitNone();
      lock.lock();
      try {
        if (state == State.CLOSED) {
          for (Worker w : workers.all()) {
            if (w.state == Worker.State.READY) {
              stop(w);
            } else if (w.state == Worker.State.STARTING) {
              w.stopQueued = true;
              w.process.destroy();
            }
          }
        }
      } finally {
        lock.unlock();
      }
      launcher.close();
      awaitExits();
    } catch (InterruptedException e) {
      terminate();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * TERMINATED: fails every task not settled yet, at once, and sends SIGTERM to the workers.
   * Idempotent.
   */
  void terminate() {
    lock.lock();
    try {
      if (state != State.TERMINATED) {
        state = State.TERMINATED;
        RuntimeException unassigned =
            failures.taskFailed("the pool was terminated before this task ran", -15, 0, null);
        for (Job job : scheduler.drainBacklog()) {
          lock.claim(job, unassigned);
        }
        for (Worker w : workers.all()) {
          lock.claimHeld(
              w,
              failures.taskFailed(
                  "the pool was terminated before " + w + " returned the result of this task",
                  -15, w.pid(), null));
          w.writerWake.signal();
        }
        workers.destroyLive();
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
    launcher.close();
  }

  /**
   * Waits for the workers to exit after {@link #close} or {@link #terminate}.
   *
   * @throws IllegalStateException if the pool is RUNNING
   */
  void join() throws InterruptedException {
    requireNotDelivering("join()");
    lock.lock();
    try {
      if (state == State.RUNNING) {
        throw new IllegalStateException(
            "join() needs a closed or terminated pool: call close() or terminate() first");
      }
    } finally {
      lock.unlock();
    }
    awaitExits();
  }

  /** Waits for every worker process to exit; kills those still alive after the grace period. */
  private void awaitExits() throws InterruptedException {
    long deadline = System.nanoTime() + STOP_GRACE_NANOS;
    lock.lock();
    try {
      while (workers.anyLive()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          workers.killLive();
          changed.await();
        } else {
          changed.awaitNanos(left);
        }
      }
    } finally {
      lock.unlock();
    }
  }
}

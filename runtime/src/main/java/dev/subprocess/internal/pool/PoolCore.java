package dev.subprocess.internal.pool;

import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.wire.WireInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A pool's lifecycle, and what ties its parts together under one lock: the {@link Scheduler}
 * decides which worker gets which job, the {@link WorkerSet} starts and watches the workers, each
 * worker's {@link WorkerWriter} and {@link WorkerReader} send its tasks and receive its results,
 * and the {@link Settlement} counts the tasks not settled.
 *
 * <p>Faults: a worker whose process ends fails the tasks it held, with its pid and exit code, and
 * is replaced. A worker that ends before it connects, or whose initializer throws, is a start
 * failure; a pool none of whose workers ever started, or that cannot start any more of them, is
 * broken: its waiting tasks and every later one fail with the start failure. Tasks given up on
 * are claimed under the lock and failed as the lock is released ({@link #unlock}), so that no
 * claim is ever dropped on the way.
 *
 * <p>Lifecycle: {@code RUNNING -> CLOSED -> (workers exited)}, or {@code RUNNING | CLOSED ->
 * TERMINATED}. CLOSED takes no new task and stops the workers once the tasks submitted are
 * settled; TERMINATED settles every task at once, as failed, and signals the workers to stop.
 *
 * <p>Thread-safe.
 */
final class PoolCore implements Scheduler.Decisions<Worker>, WorkerLauncher.Arrivals {
  enum State {
    RUNNING,
    CLOSED,
    TERMINATED
  }

  /** The pool whose results this thread delivers, if it is a reader. */
  private static final ThreadLocal<PoolCore> DELIVERING = new ThreadLocal<>();

  /** Replacements that fail to start in a row before the pool stops trying. */
  private static final int MAX_START_FAILURES = 3;

  /** How long workers told to stop may take before they are killed. */
  private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final FailureFactory failures;
  private final List<String> jvmOptions;
  private final EntryIds entryIds = new EntryIds();
  private final Settlement settlement = new Settlement();
  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled when a worker exits or the state changes. */
  private final Condition changed = lock.newCondition();
  private final Scheduler<Worker> scheduler;
  private final WorkerLauncher launcher;
  private final WorkerSet workers;
  /** Claimed under the lock, failed once it is released. */
  private final List<Settlement.Claim> claims = new ArrayList<>();
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
    this.jvmOptions = jvmOptions;
    this.scheduler = new Scheduler<>(maxTasksPerChild, this);
    this.launcher = new ColdLauncher(jvmOptions, initializer, this);
    this.workers = new WorkerSet(lock, launcher, scheduler, this::exited);
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
   * @throws UncheckedIOException if a JVM cannot be spawned or the socket cannot be opened
   */
  void start(int processes) {
    Throwable failed = null;
    lock.lock();
    try {
      for (int i = 0; i < processes; i++) {
        workers.launch();
      }
      launcher.open();
    } catch (IOException e) {
      failed = new UncheckedIOException("cannot open the pool's socket", e);
    } catch (RuntimeException | Error e) {
      failed = e;
    } finally {
      unlock();
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
      unlock();
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
    replace(worker);
  }

  /** Tells a worker to exit once it has run what it holds. Under the lock. */
  private void stop(Worker worker) {
    scheduler.close(worker.seat);
    worker.state = Worker.State.RETIRING;
    worker.stopQueued = true;
    worker.writerWake.signal();
  }

  // ---------------------------------------------------------------------------------------------
  // Workers

  /** A worker has connected: on the thread that becomes its reader. */
  @Override
  public void connected(int id, long pid, Link link, WireInput initializerFailure) {
    RuntimeException initializer =
        initializerFailure == null ? null : failures.remoteCause(initializerFailure);
    Worker worker;
    lock.lock();
    try {
      worker = ready(id, pid, link, initializer);
    } finally {
      unlock();
    }
    if (worker == null) {
      link.close();
      return;
    }
    Thread.currentThread().setName("dev.subprocess " + worker.name + " reader");
    DELIVERING.set(this);
    new WorkerReader(this, worker, link).run();
  }

  /** Makes a worker READY; null if the link is not wanted. Under the lock. */
  private Worker ready(int id, long pid, Link link, RuntimeException initializerFailure) {
    Worker worker = workers.find(id);
    if (worker == null
        || worker.state != Worker.State.STARTING
        || worker.pid() != pid
        || worker.processExited
        || worker.stopQueued) {
      return null;
    }
    if (initializerFailure != null) {
      // The worker exits now; its exit is then settled as a start failure.
      worker.initializerFailure = initializerFailure;
      return null;
    }
    if (state == State.TERMINATED) {
      return null;
    }
    worker.link = link;
    // The worker is authenticated: a result may be as large as a frame can be.
    link.maxFrameLength(Integer.MAX_VALUE);
    Thread writer =
        new Thread(new WorkerWriter(this, worker, entryIds), "dev.subprocess " + worker.name + " writer");
    writer.setDaemon(true);
    try {
      writer.start();
    } catch (RuntimeException | Error e) {
      // No thread to send it tasks: it ends as a start failure.
      worker.process.destroyForcibly();
      throw e;
    }
    worker.state = Worker.State.READY;
    worker.readerRunning = true;
    workers.everReady = true;
    workers.startFailuresInARow = 0;
    if (state == State.CLOSED && !scheduler.hasBacklog()) {
      stop(worker);
    } else {
      scheduler.open(worker.seat);
    }
    return worker;
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
      unlock();
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
      unlock();
    }
  }

  /** The reader has read the link to its end and the worker's process has exited or been killed. */
  void readerDone(Worker worker) {
    lock.lock();
    try {
      worker.readerRunning = false;
      if (worker.processExited) {
        ended(worker);
      }
    } finally {
      unlock();
    }
  }

  /** A worker's process has exited: on the thread that waited for it. */
  private void exited(Worker worker) {
    boolean startFailure;
    RuntimeException initializerFailure;
    boolean optionsProven;
    lock.lock();
    try {
      worker.processExited = true;
      workers.exited(worker);
      changed.signalAll();
      // A worker stopped before it connected (the pool closed) has not failed.
      startFailure =
          worker.state == Worker.State.STARTING && !worker.stopQueued && state != State.TERMINATED;
      if (!startFailure && !worker.readerRunning) {
        ended(worker);
      }
      initializerFailure = worker.initializerFailure;
      optionsProven = workers.everReady;
    } finally {
      unlock();
    }
    if (startFailure) {
      // Outside the lock: finding the JVM's words may take a JVM start.
      RuntimeException failure = startFailure(worker, initializerFailure, optionsProven);
      lock.lock();
      try {
        startFailed(worker, failure);
      } finally {
        unlock();
      }
    }
  }

  private RuntimeException startFailure(
      Worker worker, RuntimeException initializerFailure, boolean optionsProven) {
    int exitCode = ExitStatus.exitCode(worker);
    try {
      String message =
          initializerFailure != null
              ? "the pool's initializer failed in " + worker + ": " + initializerFailure
              : StartFailure.message(worker, exitCode, jvmOptions, optionsProven);
      return failures.taskFailed(message, exitCode, worker.pid(), initializerFailure);
    } catch (RuntimeException | Error e) {
      // The failure must be settled whatever happens here, or its tasks would wait forever.
      return failures.taskFailed(
          worker + " could not start: it " + ExitStatus.describe(worker, exitCode), exitCode,
          worker.pid(), e);
    }
  }

  /** A worker that had connected has ended: fails what it held and replaces it. Under the lock. */
  private void ended(Worker worker) {
    if (worker.state == Worker.State.ENDED) {
      return;
    }
    worker.state = Worker.State.ENDED;
    scheduler.close(worker.seat);
    workers.ended(worker);
    worker.writerWake.signal();
    changed.signalAll();
    if (state != State.TERMINATED) {
      int exitCode = ExitStatus.exitCode(worker);
      claimHeld(
          worker,
          failures.taskFailed(
              worker + " " + ExitStatus.describe(worker, exitCode)
                  + " before it returned the result of this task",
              exitCode, worker.pid(), null));
      replace(worker);
    }
  }

  /** A worker that never connected has ended. Under the lock. */
  private void startFailed(Worker worker, RuntimeException failure) {
    worker.state = Worker.State.ENDED;
    scheduler.close(worker.seat);
    workers.ended(worker);
    changed.signalAll();
    if (state == State.TERMINATED) {
      return;
    }
    workers.startFailuresInARow++;
    if (workers.everReady && workers.startFailuresInARow < MAX_START_FAILURES) {
      replace(worker);
    } else if (workers.serving() == 0) {
      breakPool(failure);
    }
  }

  /** Starts the replacement of a worker if the pool still needs one. Under the lock. */
  private void replace(Worker worker) {
    if (worker.replaced
        || broken != null
        || !(state == State.RUNNING || (state == State.CLOSED && settlement.anyPending()))) {
      return;
    }
    worker.replaced = true;
    try {
      workers.launch();
    } catch (RuntimeException | Error e) {
      if (workers.serving() == 0) {
        breakPool(
            failures.taskFailed(
                "cannot start a pool worker to replace " + worker + ": " + e, 1, worker.pid(),
                e));
      }
    }
  }

  /** No worker can be had: fails the backlog, and every later task, with {@code failure}. */
  private void breakPool(RuntimeException failure) {
    broken = failure;
    for (Job job : scheduler.drainBacklog()) {
      claim(job, failure);
    }
    changed.signalAll();
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
        unlock();
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
        unlock();
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
          claim(job, unassigned);
        }
        for (Worker w : workers.all()) {
          claimHeld(
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
      unlock();
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
      unlock();
    }
    awaitExits();
  }

  State state() {
    lock.lock();
    try {
      return state;
    } finally {
      unlock();
    }
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
      unlock();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Claims

  /** Claims the tasks a worker holds. Under the lock. */
  private void claimHeld(Worker worker, RuntimeException failure) {
    Job current = worker.current;
    if (current != null) {
      claim(current, failure);
    }
    for (Job job : worker.held) {
      claim(job, failure);
    }
  }

  /** Claims a job's unsettled tasks, to be failed once the lock is released. Under the lock. */
  private void claim(Job job, RuntimeException failure) {
    Settlement.Claim claim = Settlement.claim(job, failure);
    if (claim != null) {
      claims.add(claim);
    }
  }

  /**
   * Releases the lock, and fails what was claimed under it once this thread no longer holds it: a
   * sink wakes its waiters, and a future runs the stages chained to it.
   */
  private void unlock() {
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
}

package dev.subprocess.internal.pool;

import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.wire.RemoteFailure;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What happens to a pool when one of its workers connects, exits or ends: the moves of a {@link
 * Worker} through its lifecycle, and what each move means for the pool. Which tasks a worker gets
 * is the {@link Scheduler}'s business, and the pool's own lifecycle is {@link PoolCore}'s.
 *
 * <ul>
 *   <li>connected: STARTING → READY; it gets a writer thread, and this thread becomes its reader.
 *       One that reports its initializer's failure, or that the pool no longer wants, is turned
 *       away (its exit then settles it).
 *   <li>exited, having connected: once its reader is done too, ENDED; the tasks it held fail with
 *       its exit code, and it is replaced.
 *   <li>exited, never connected: a start failure, ENDED. It is replaced while workers of the pool
 *       have connected before and fewer than {@value #MAX_START_FAILURES} failed in a row;
 *       otherwise, once no worker serves, the pool is broken (see {@link Pool#broken}).
 * </ul>
 *
 * <p>Thread-safe: the events come on the hub's threads (connected), the runtime's waiters of the
 * workers' pids (exited) and the readers (readerDone), and are handled under the pool's lock.
 */
final class WorkerEvents implements WorkerLauncher.Arrivals {
  /** Replacements that fail to start in a row before the pool stops trying. */
  static final int MAX_START_FAILURES = 3;

  /** What the events need to know of, and do to, the pool; called under its lock. */
  interface Pool {
    /** RUNNING, CLOSED or TERMINATED. */
    PoolCore.State state();

    /** Whether the pool wants workers to replace those that end: it has tasks to run. */
    boolean wantsWorkers();

    /** Tells a READY worker to exit once it has run what it holds. */
    void stop(Worker worker);

    /** No worker can be had: fails what waits and every later task with {@code failure}. */
    void broken(RuntimeException failure);

    /** Whether the pool is broken. */
    boolean isBroken();

    /** A worker's process has exited, or a worker has ENDED. */
    void changed();

    /** The worker's writer, to run on a thread of its own. */
    Runnable writer(Worker worker);

    /**
     * Receives from a READY worker on this thread until its link ends (not under the lock).
     */
    void read(Worker worker, Link link);
  }

  private final PoolLock lock;
  private final Scheduler<Worker> scheduler;
  private final FailureFactory failures;
  private final List<String> jvmOptions;
  private final Pool pool;
  private final WorkerSet workers;
  /** Whether a worker has ever connected: the JVM options are not at fault. Guarded by lock. */
  private boolean everReady;
  /** Workers that failed to start since one last connected. Guarded by lock. */
  private int startFailuresInARow;

  /**
   * @param exits when a worker's process has exited: the runtime's waiter of its pid, or a test's
   */
  WorkerEvents(
      PoolLock lock, Scheduler<Worker> scheduler, WorkerLauncher launcher,
      Function<java.lang.Process, CompletableFuture<?>> exits, FailureFactory failures,
      List<String> jvmOptions, Pool pool) {
    this.lock = lock;
    this.scheduler = scheduler;
    this.failures = failures;
    this.jvmOptions = jvmOptions;
    this.pool = pool;
    this.workers = new WorkerSet(lock, launcher, scheduler, exits, this::exited);
  }

  WorkerSet workers() {
    return workers;
  }

  /** A worker has connected: on the thread that becomes its reader. */
  @Override
  public void connected(int id, long pid, Link link, RemoteFailure initializerFailure) {
    RuntimeException initializer =
        initializerFailure == null ? null : failures.remoteCause(initializerFailure);
    Worker worker;
    lock.lock();
    try {
      worker = ready(id, pid, link, initializer);
    } finally {
      lock.unlock();
    }
    if (worker == null) {
      link.close();
      return;
    }
    // The worker is authenticated: a result may be as large as a frame can be.
    link.maxFrameLength(Integer.MAX_VALUE);
    pool.read(worker, link);
  }

  /** Makes a worker READY; null if the link is not wanted. Under the lock. */
  Worker ready(int id, long pid, Link link, RuntimeException initializerFailure) {
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
    if (pool.state() == PoolCore.State.TERMINATED) {
      return null;
    }
    worker.link = link;
    Thread writer = new Thread(pool.writer(worker), "dev.subprocess " + worker.name + " writer");
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
    everReady = true;
    startFailuresInARow = 0;
    if (pool.state() == PoolCore.State.CLOSED && !scheduler.hasBacklog()) {
      pool.stop(worker);
    } else {
      scheduler.open(worker.seat);
    }
    return worker;
  }

  /** The reader has read the link to its end, and the worker's process has exited or been killed. */
  void readerDone(Worker worker) {
    lock.lock();
    try {
      worker.readerRunning = false;
      if (worker.processExited) {
        ended(worker);
      }
    } finally {
      lock.unlock();
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
      pool.changed();
      // A worker stopped before it connected (the pool closed) has not failed.
      startFailure =
          worker.state == Worker.State.STARTING
              && !worker.stopQueued
              && pool.state() != PoolCore.State.TERMINATED;
      if (!startFailure && !worker.readerRunning) {
        ended(worker);
      }
      initializerFailure = worker.initializerFailure;
      optionsProven = everReady;
    } finally {
      lock.unlock();
    }
    if (startFailure) {
      // Outside the lock: finding the JVM's words may take a JVM start.
      RuntimeException failure = startFailure(worker, initializerFailure, optionsProven);
      lock.lock();
      try {
        startFailed(worker, failure);
      } finally {
        lock.unlock();
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
    pool.changed();
    if (pool.state() != PoolCore.State.TERMINATED) {
      int exitCode = ExitStatus.exitCode(worker);
      lock.claimHeld(
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
    pool.changed();
    if (pool.state() == PoolCore.State.TERMINATED) {
      return;
    }
    startFailuresInARow++;
    if (everReady && startFailuresInARow < MAX_START_FAILURES) {
      replace(worker);
    } else if (workers.serving() == 0) {
      pool.broken(failure);
    }
  }

  /** Starts the replacement of a worker, once, if the pool still wants one. Under the lock. */
  void replace(Worker worker) {
    if (worker.replaced || pool.isBroken() || !pool.wantsWorkers()) {
      return;
    }
    worker.replaced = true;
    try {
      workers.launch();
    } catch (RuntimeException | Error e) {
      if (workers.serving() == 0) {
        pool.broken(
            failures.taskFailed(
                "cannot start a pool worker to replace " + worker + ": " + e, 1, worker.pid(),
                e));
      }
    }
  }
}

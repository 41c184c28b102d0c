package dev.subprocess.internal.pool;

import dev.subprocess.RemoteException;
import dev.subprocess.SubprocessException;
import dev.subprocess.internal.process.Bootstrap;
import dev.subprocess.internal.process.ChildJvm;
import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.channel.Listener;
import dev.subprocess.internal.wire.Failures;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine of a {@code Pool}: its workers, the tasks waiting for one, and the rules of its
 * lifecycle, all under one lock.
 *
 * <p>How a task flows: a submitter encodes it into a {@link Job} and adds it to the backlog; jobs
 * move from the backlog to the worker that holds the fewest tasks, as long as that worker holds
 * fewer than the window; the worker's {@link WorkerWriter} sends them; its {@link WorkerReader}
 * settles their results in order and makes room for more. The window keeps about two milliseconds
 * of work queued at each worker, judged by how long tasks have been taking: many tiny tasks are in
 * flight at once and go out and come back in batches, while a long task is given to a worker only
 * when it is free, as in Python's pool.
 *
 * <p>Faults: a worker whose process ends fails the tasks it held, with its pid and exit code, and
 * is replaced. A worker that ends before it connects, or whose initializer throws, is a start
 * failure; a pool none of whose workers ever started, or that cannot start any more of them,
 * is broken: its waiting tasks and every later one fail with the start failure.
 *
 * <p>Lifecycle: {@code RUNNING -> CLOSED -> (workers exited)}, or {@code RUNNING | CLOSED ->
 * TERMINATED}. CLOSED takes no new task and stops the workers once the tasks submitted are
 * settled; TERMINATED settles every task at once, as failed, and signals the workers to stop.
 */
final class Dispatcher implements Listener.Handler {
  enum State {
    RUNNING,
    CLOSED,
    TERMINATED
  }

  /** Worker numbers, as Python counts its processes: across the pools of this JVM. */
  private static final AtomicInteger WORKER_NUMBERS = new AtomicInteger();

  /** The pool whose results this thread delivers, if it is a reader. */
  private static final ThreadLocal<Dispatcher> DELIVERING = new ThreadLocal<>();

  /** How much work, in time, the window keeps queued at a worker. */
  private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  /** The most tasks a worker holds at once. */
  static final int MAX_WINDOW = 16 * 1024;

  /** Replacements that fail to start in a row before the pool stops trying. */
  private static final int MAX_START_FAILURES = 3;

  /** How long workers told to stop may take before they are killed. */
  private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final int processes;
  private final int maxTasksPerChild;
  private final List<String> jvmOptions;
  /** The initializer's record, {@code string launcher, varint argc, value[argc]}, or null. */
  private final byte[] initializer;
  private final EntryIds entryIds = new EntryIds();

  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled when tasks are settled, a worker exits, or the state changes. */
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Job> backlog = new ArrayDeque<>();
  /** The workers not ENDED. */
  private final List<Worker> workers = new ArrayList<>();
  /** The workers whose process has not exited. */
  private final List<Worker> live = new ArrayList<>();
  private State state = State.RUNNING;
  private SubprocessException broken;
  /** Tasks submitted and not settled. */
  private int pendingTasks;
  private boolean everReady;
  private int startFailuresInARow;
  /** How long tasks take, on average lately; −1 until a result has come. */
  private volatile long averageNanos = -1;
  private Listener listener;

  Dispatcher(
      int processes, int maxTasksPerChild, List<String> jvmOptions, byte[] initializer) {
    this.processes = processes;
    this.maxTasksPerChild = maxTasksPerChild;
    this.jvmOptions = jvmOptions;
    this.initializer = initializer;
  }

  EntryIds entryIds() {
    return entryIds;
  }

  /**
   * Starts the workers. The JVMs are spawned first, so that they boot while this JVM opens the
   * socket they connect to.
   *
   * @throws UncheckedIOException if a JVM cannot be spawned or the socket cannot be opened
   */
  void start() {
    List<Worker> started = new ArrayList<>();
    Listener opened;
    try {
      lock.lock();
      try {
        for (int i = 0; i < processes; i++) {
          started.add(launch());
        }
      } finally {
        lock.unlock();
      }
      opened = Listener.open("pool", this);
    } catch (IOException e) {
      terminate();
      throw new UncheckedIOException("cannot open the pool's socket", e);
    } catch (RuntimeException e) {
      terminate();
      throw e;
    }
    lock.lock();
    try {
      listener = opened;
      for (Worker worker : started) {
        ChildJvm.sendBootstrap(worker.process, bootstrap(worker), worker.name);
      }
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Submitting

  /**
   * Queues a job.
   *
   * @throws IllegalStateException if the pool is closed or terminated
   */
  void submit(Job job) {
    SubprocessException failure = null;
    lock.lock();
    try {
      requireRunning();
      if (broken != null) {
        failure = broken;
        job.claimRest();
      } else {
        backlog.addLast(job);
        pendingTasks += job.size;
        dispatch();
      }
    } finally {
      lock.unlock();
    }
    if (failure != null) {
      fail(job, 0, failure);
    }
  }

  /** Queues jobs, in order; see {@link #submit}. */
  void submitAll(List<Job> jobs) {
    SubprocessException failure = null;
    lock.lock();
    try {
      requireRunning();
      if (broken != null) {
        failure = broken;
        for (Job job : jobs) {
          job.claimRest();
        }
      } else {
        for (Job job : jobs) {
          backlog.addLast(job);
          pendingTasks += job.size;
        }
        dispatch();
      }
    } finally {
      lock.unlock();
    }
    if (failure != null) {
      for (Job job : jobs) {
        fail(job, 0, failure);
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

  /** How long tasks have been taking lately, in nanoseconds; −1 before the first result. */
  long averageNanos() {
    return averageNanos;
  }

  private void requireRunning() {
    if (state == State.CLOSED) {
      throw new IllegalStateException("the pool is closed: it takes no new tasks");
    }
    if (state == State.TERMINATED) {
      throw new IllegalStateException("the pool is terminated: it takes no new tasks");
    }
  }

  /** Moves jobs from the backlog to the least busy workers that have room. Under the lock. */
  private void dispatch() {
    int window = window();
    while (!backlog.isEmpty()) {
      Job job = backlog.peekFirst();
      Worker best = null;
      for (int i = 0; i < workers.size(); i++) {
        Worker w = workers.get(i);
        if (w.state == Worker.State.READY
            && w.heldTasks < window
            && job.size <= w.quotaLeft
            && (best == null || w.heldTasks < best.heldTasks)) {
          best = w;
        }
      }
      if (best == null) {
        break;
      }
      backlog.pollFirst();
      best.held.add(job);
      best.outbox.addLast(job);
      best.heldTasks += job.size;
      if (maxTasksPerChild > 0) {
        best.quotaLeft -= job.size;
      }
      best.writerWake.signal();
    }
    if (maxTasksPerChild > 0) {
      retireSpent();
    }
  }

  private int window() {
    long average = averageNanos;
    if (average < 0) {
      return 1;
    }
    return (int) Math.max(1, Math.min(MAX_WINDOW, WINDOW_NANOS / Math.max(1, average)));
  }

  /**
   * Retires the workers that have spent their quota of tasks, or whose quota the next job does not
   * fit in and that hold nothing (jobs never exceed a whole quota).
   */
  private void retireSpent() {
    Job next = backlog.peekFirst();
    for (int i = 0, n = workers.size(); i < n; i++) {
      Worker w = workers.get(i);
      if (w.state == Worker.State.READY
          && (w.quotaLeft == 0 || (next != null && w.heldTasks == 0 && next.size > w.quotaLeft))) {
        stop(w);
        replace(w);
      }
    }
  }

  /** Tells a worker to exit once it has run what it holds. Under the lock. */
  private void stop(Worker w) {
    w.state = Worker.State.RETIRING;
    w.stopQueued = true;
    w.writerWake.signal();
  }

  // ---------------------------------------------------------------------------------------------
  // Workers

  /** Spawns a worker JVM; its bootstrap goes out once the listener is open. Under the lock. */
  private Worker launch() {
    int id = WORKER_NUMBERS.incrementAndGet();
    String name = "PoolWorker-" + id;
    java.lang.Process process =
        ChildJvm.start(jvmOptions, name, WorkerMain.class.getName(), true);
    Worker worker =
        new Worker(
            id, name, process, lock.newCondition(),
            maxTasksPerChild > 0 ? maxTasksPerChild : Integer.MAX_VALUE);
    workers.add(worker);
    live.add(worker);
    if (listener != null) {
      ChildJvm.sendBootstrap(process, bootstrap(worker), name);
    }
    // A thread that waits, rather than onExit(): that completes on the common pool, which the
    // user's own tasks may keep busy.
    Thread exit = new Thread(new Exited(worker), "dev.subprocess " + name + " exit");
    exit.setDaemon(true);
    exit.start();
    return worker;
  }

  private byte[] bootstrap(Worker worker) {
    WireOutput body = Bootstrap.body();
    listener.address().writeTo(body);
    body.writeVarInt(worker.id);
    body.writeBoolean(initializer != null);
    if (initializer != null) {
      body.writeRaw(initializer, 0, initializer.length);
    }
    return Bootstrap.frame(body);
  }

  /** Starts the replacement of a worker if the pool still needs one. Under the lock. */
  private List<Settlement> replace(Worker w) {
    if (w.replaced
        || broken != null
        || !(state == State.RUNNING || (state == State.CLOSED && pendingTasks > 0))) {
      return List.of();
    }
    w.replaced = true;
    try {
      launch();
      return List.of();
    } catch (RuntimeException e) {
      if (serving() == 0) {
        return breakPool(
            new SubprocessException(
                "cannot start a pool worker to replace " + w + ": " + e.getMessage(),
                1, w.pid(), e));
      }
      return List.of();
    }
  }

  /** The workers that take tasks or will: READY or STARTING. */
  private int serving() {
    int n = 0;
    for (Worker w : workers) {
      if (w.state == Worker.State.READY || w.state == Worker.State.STARTING) {
        n++;
      }
    }
    return n;
  }

  /** A worker has connected: the link's handler, on the thread that becomes its reader. */
  @Override
  public void accepted(Link link, WireInput hello) {
    int id = hello.readVarInt();
    long pid = hello.readLong();
    RemoteException initializerFailure =
        hello.readByte() == Protocol.INITIALIZER_FAILED ? Failures.read(hello) : null;
    Worker worker = connected(id, pid, link, initializerFailure);
    if (worker == null) {
      link.close();
      return;
    }
    Thread.currentThread().setName("dev.subprocess " + worker.name + " reader");
    DELIVERING.set(this);
    new WorkerReader(this, worker, link).run();
  }

  /** Makes a worker READY; null if the link is not wanted. */
  private Worker connected(int id, long pid, Link link, RemoteException initializerFailure) {
    lock.lock();
    try {
      Worker worker = null;
      for (Worker w : workers) {
        if (w.id == id) {
          worker = w;
        }
      }
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
          new Thread(
              new WorkerWriter(this, worker, entryIds), "dev.subprocess " + worker.name + " writer");
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
      if (state == State.CLOSED && backlog.isEmpty()) {
        stop(worker);
      } else {
        dispatch();
      }
      return worker;
    } finally {
      lock.unlock();
    }
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
      return worker.stopQueued
          || worker.state == Worker.State.ENDED
          || state == State.TERMINATED;
    } finally {
      lock.unlock();
    }
  }

  /**
   * A worker has returned the results of {@code count} tasks, which took it {@code nanos} in all:
   * makes room for more.
   */
  void returned(Worker worker, int count, long nanos) {
    if (count == 0) {
      return;
    }
    lock.lock();
    try {
      worker.heldTasks -= count;
      long mean = nanos / count;
      long average = averageNanos;
      averageNanos = average < 0 ? mean : (3 * average + mean) / 4;
      dispatch();
    } finally {
      lock.unlock();
    }
  }

  /** A reader has settled {@code count} tasks. */
  void settled(int count) {
    lock.lock();
    try {
      pendingTasks -= count;
      if (pendingTasks == 0) {
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The reader has read the link to its end and the worker's process has exited or been killed. */
  void readerDone(Worker worker) {
    List<Settlement> failed = List.of();
    lock.lock();
    try {
      worker.readerRunning = false;
      if (worker.processExited) {
        failed = ended(worker);
      }
    } finally {
      lock.unlock();
    }
    settle(failed);
  }

  /** A worker's process has exited: on a thread of its own. */
  private void processExited(Worker worker) {
    boolean startFailure;
    List<Settlement> failed = List.of();
    lock.lock();
    try {
      worker.processExited = true;
      live.remove(worker);
      changed.signalAll();
      // A worker stopped before it connected (the pool closed) has not failed.
      startFailure =
          worker.state == Worker.State.STARTING && !worker.stopQueued && state != State.TERMINATED;
      if (!startFailure && !worker.readerRunning) {
        failed = ended(worker);
      }
    } finally {
      lock.unlock();
    }
    if (startFailure) {
      // Outside the lock: finding the JVM's words may take a JVM start.
      int exitCode = ExitStatus.exitCode(worker);
      RemoteException remote = worker.initializerFailure;
      SubprocessException failure;
      try {
        failure =
            remote != null
                ? new SubprocessException(
                    "the pool's initializer failed in " + worker + ": " + remote,
                    exitCode, worker.pid(), remote)
                : StartFailure.of(worker, exitCode, jvmOptions);
      } catch (RuntimeException | Error e) {
        // The failure must be settled whatever happens here, or its tasks would wait forever.
        failure =
            new SubprocessException(
                worker + " could not start: it " + ExitStatus.describe(worker, exitCode), exitCode,
                worker.pid(), e);
      }
      lock.lock();
      try {
        failed = startFailed(worker, failure);
      } finally {
        lock.unlock();
      }
    }
    settle(failed);
  }

  /** A worker that had connected has ended: fails what it held and replaces it. Under the lock. */
  private List<Settlement> ended(Worker worker) {
    if (worker.state == Worker.State.ENDED) {
      return List.of();
    }
    worker.state = Worker.State.ENDED;
    workers.remove(worker);
    worker.writerWake.signal();
    changed.signalAll();
    List<Settlement> failed = new ArrayList<>();
    if (state != State.TERMINATED) {
      int exitCode = ExitStatus.exitCode(worker);
      SubprocessException failure =
          new SubprocessException(
              worker + " " + ExitStatus.describe(worker, exitCode)
                  + " before it returned the result of this task",
              exitCode, worker.pid(), null);
      claimHeld(worker, failure, failed);
      worker.heldTasks = 0;
      failed.addAll(replace(worker));
    }
    return failed;
  }

  /** A worker that never connected has ended. Under the lock. */
  private List<Settlement> startFailed(Worker worker, SubprocessException failure) {
    worker.state = Worker.State.ENDED;
    workers.remove(worker);
    changed.signalAll();
    if (state == State.TERMINATED) {
      return List.of();
    }
    startFailuresInARow++;
    if (everReady && startFailuresInARow < MAX_START_FAILURES) {
      return replace(worker);
    }
    if (serving() == 0) {
      return breakPool(failure);
    }
    return List.of();
  }

  /** No worker can be had: fails the backlog, and every later task, with {@code failure}. */
  private List<Settlement> breakPool(SubprocessException failure) {
    broken = failure;
    List<Settlement> failed = new ArrayList<>();
    for (Job job : backlog) {
      claim(job, failure, failed);
    }
    backlog.clear();
    changed.signalAll();
    return failed;
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
        while (state == State.CLOSED && pendingTasks > 0) {
          changed.await();
        }
        if (state == State.CLOSED) {
          for (Worker w : workers) {
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
      closeListener();
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
    List<Settlement> failed = new ArrayList<>();
    lock.lock();
    try {
      if (state == State.TERMINATED) {
        return;
      }
      state = State.TERMINATED;
      SubprocessException unassigned =
          new SubprocessException(
              "the pool was terminated before this task ran", -15, 0, null);
      for (Job job : backlog) {
        claim(job, unassigned, failed);
      }
      backlog.clear();
      for (Worker w : workers) {
        SubprocessException held =
            new SubprocessException(
                "the pool was terminated before " + w + " returned the result of this task",
                -15, w.pid(), null);
        claimHeld(w, held, failed);
        w.writerWake.signal();
      }
      for (Worker w : live) {
        w.process.destroy();
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    closeListener();
    settle(failed);
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

  State state() {
    lock.lock();
    try {
      return state;
    } finally {
      lock.unlock();
    }
  }

  /** Waits for every worker process to exit; kills those still alive after the grace period. */
  private void awaitExits() throws InterruptedException {
    long deadline = System.nanoTime() + STOP_GRACE_NANOS;
    lock.lock();
    try {
      while (!live.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          for (Worker w : live) {
            w.process.destroyForcibly();
          }
          changed.await();
        } else {
          changed.awaitNanos(left);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void closeListener() {
    Listener l;
    lock.lock();
    try {
      l = listener;
    } finally {
      lock.unlock();
    }
    if (l != null) {
      l.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Settling failures

  /** Tasks of one job to fail, from {@code from} on, with one exception. */
  private static final class Settlement {
    final Job job;
    final int from;
    final SubprocessException failure;

    Settlement(Job job, int from, SubprocessException failure) {
      this.job = job;
      this.from = from;
      this.failure = failure;
    }
  }

  /** Claims the tasks a worker holds. Under the lock. */
  private void claimHeld(Worker worker, SubprocessException failure, List<Settlement> into) {
    Job current = worker.current;
    if (current != null) {
      claim(current, failure, into);
    }
    for (Job job : worker.held) {
      claim(job, failure, into);
    }
  }

  /** Claims a job's unsettled tasks, to be failed outside the lock. Under the lock. */
  private void claim(Job job, SubprocessException failure, List<Settlement> into) {
    int from = job.claimRest();
    if (from < job.size) {
      pendingTasks -= job.size - from;
      into.add(new Settlement(job, from, failure));
    }
  }

  /** Fails what was claimed. Outside the lock: sinks wake their waiters. */
  private static void settle(List<Settlement> failed) {
    for (Settlement s : failed) {
      fail(s.job, s.from, s.failure);
    }
  }

  private static void fail(Job job, int from, SubprocessException failure) {
    for (int i = from; i < job.size; i++) {
      job.sink.failed(job.firstIndex + i, failure);
    }
    job.sink.delivered();
  }

  /** Waits for a worker's process to exit, then settles its end. */
  private final class Exited implements Runnable {
    private final Worker worker;

    Exited(Worker worker) {
      this.worker = worker;
    }

    @Override
    public void run() {
      while (true) {
        try {
          worker.process.waitFor();
          break;
        } catch (InterruptedException e) {
          // Only the process's end may end this wait.
        }
      }
      processExited(worker);
    }
  }
}

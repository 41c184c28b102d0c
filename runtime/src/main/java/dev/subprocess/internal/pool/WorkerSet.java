package dev.subprocess.internal.pool;

import dev.subprocess.internal.process.Children;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A pool's workers: starts them through its {@link WorkerLauncher}, seats them with the {@link
 * Scheduler}, keeps those not ENDED and those whose process is alive, and reports each one's exit.
 * The exit is seen by the runtime's own waiter of the child's pid (see {@link Children}), the only
 * thread that waits for it: the report runs on that thread, at once.
 *
 * <p>Guarded by the pool's lock.
 */
final class WorkerSet {
  /** Worker numbers, as Python counts its processes: across the pools of this JVM. */
  private static final AtomicInteger WORKER_NUMBERS = new AtomicInteger();

  private final PoolLock lock;
  private final WorkerLauncher launcher;
  private final Scheduler<Worker> scheduler;
  /** When a process has exited: the runtime's waiter of its pid, or a test's. */
  private final Function<java.lang.Process, CompletableFuture<?>> exits;
  private final Consumer<Worker> exited;
  /** Runs an exit report where it may take the pool's lock. */
  private final Executor outsideLock = this::runOutsideLock;
  /** The workers not ENDED. */
  private final List<Worker> workers = new ArrayList<>();
  /** The workers whose process has not exited. */
  private final List<Worker> live = new ArrayList<>();

  /**
   * @param exits when a process has exited: {@link Children#exited}, or a test's
   * @param exited told, outside the pool's lock, when a worker's process has exited
   */
  WorkerSet(
      PoolLock lock, WorkerLauncher launcher, Scheduler<Worker> scheduler,
      Function<java.lang.Process, CompletableFuture<?>> exits, Consumer<Worker> exited) {
    this.lock = lock;
    this.launcher = launcher;
    this.scheduler = scheduler;
    this.exits = exits;
    this.exited = exited;
  }

  /**
   * Starts a worker, STARTING.
   *
   * @throws RuntimeException if its JVM cannot be started
   */
  Worker launch() {
    int id = WORKER_NUMBERS.incrementAndGet();
    String name = "PoolWorker-" + id;
    java.lang.Process process = launcher.launch(id, name);
    Worker worker = new Worker(id, name, process, lock.newCondition());
    worker.seat = scheduler.seat(worker);
    workers.add(worker);
    live.add(worker);
    exits.apply(process).whenCompleteAsync((p, t) -> exited.accept(worker), outsideLock);
    return worker;
  }

  /** The worker numbered {@code id}, if it has not ENDED. */
  Worker find(int id) {
    for (Worker w : workers) {
      if (w.id == id) {
        return w;
      }
    }
    return null;
  }

  /** The workers not ENDED, in the order they started. */
  List<Worker> all() {
    return workers;
  }

  /** The workers that take tasks or will: READY or STARTING. */
  int serving() {
    int n = 0;
    for (Worker w : workers) {
      if (w.state == Worker.State.READY || w.state == Worker.State.STARTING) {
        n++;
      }
    }
    return n;
  }

  /** The worker has ENDED. */
  void ended(Worker worker) {
    workers.remove(worker);
  }

  /** The worker's process has exited. */
  void exited(Worker worker) {
    live.remove(worker);
  }

  boolean anyLive() {
    return !live.isEmpty();
  }

  /** SIGTERM to every worker alive. */
  void destroyLive() {
    for (Worker w : live) {
      w.process.destroy();
    }
  }

  /** SIGKILL to every worker alive. */
  void killLive() {
    for (Worker w : live) {
      w.process.destroyForcibly();
    }
  }

  /**
   * Runs on this thread, unless it holds the pool's lock: a process that has exited already is
   * reported at once, on the thread that launched it, which does.
   */
  private void runOutsideLock(Runnable report) {
    if (!lock.isHeldByCurrentThread()) {
      report.run();
      return;
    }
    Thread thread = new Thread(report, "dev.subprocess pool worker exit");
    thread.setDaemon(true);
    thread.start();
  }
}

package dev.subprocess.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.wire.RemoteFailure;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A worker's connection, exit and end, and what each means for its pool, without JVMs: fake
 * processes whose exits the test decides, a launcher that counts, a pool that records.
 */
@Timeout(10)
class WorkerEventsTest {
  /** A process that has not exited until the test says so. */
  static final class FakeProcess extends java.lang.Process {
    final long pid;
    volatile int exitValue = -1;
    volatile boolean destroyed;

    FakeProcess(long pid) {
      this.pid = pid;
    }

    @Override
    public long pid() {
      return pid;
    }

    @Override
    public int exitValue() {
      if (exitValue < 0) {
        throw new IllegalThreadStateException("not exited");
      }
      return exitValue;
    }

    @Override
    public int waitFor() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void destroy() {
      destroyed = true;
    }

    @Override
    public OutputStream getOutputStream() {
      return OutputStream.nullOutputStream();
    }

    @Override
    public InputStream getInputStream() {
      return InputStream.nullInputStream();
    }

    @Override
    public InputStream getErrorStream() {
      return InputStream.nullInputStream();
    }
  }

  /** Starts fake processes; their exits complete when the test calls {@link #exit}. */
  static final class FakeLauncher implements WorkerLauncher {
    final List<FakeProcess> launched = new ArrayList<>();
    final Map<java.lang.Process, CompletableFuture<Object>> exits = new HashMap<>();

    @Override
    public java.lang.Process launch(int id, String name) {
      FakeProcess process = new FakeProcess(10_000 + id);
      launched.add(process);
      exits.put(process, new CompletableFuture<>());
      return process;
    }

    @Override
    public void open(Arrivals arrivals) {}

    @Override
    public void close() {}

    CompletableFuture<?> exitOf(java.lang.Process process) {
      return exits.get(process);
    }

    void exit(Worker worker, int status) {
      ((FakeProcess) worker.process).exitValue = status;
      exits.get(worker.process).complete(worker.process);
    }
  }

  /** A pool that records what it is told. */
  static final class FakePool implements WorkerEvents.Pool {
    PoolCore.State state = PoolCore.State.RUNNING;
    RuntimeException broken;
    final List<Worker> stopped = new ArrayList<>();
    int changes;

    @Override
    public PoolCore.State state() {
      return state;
    }

    @Override
    public boolean wantsWorkers() {
      return state == PoolCore.State.RUNNING;
    }

    @Override
    public void stop(Worker worker) {
      stopped.add(worker);
      worker.state = Worker.State.RETIRING;
      worker.stopQueued = true;
    }

    @Override
    public void broken(RuntimeException failure) {
      broken = failure;
    }

    @Override
    public boolean isBroken() {
      return broken != null;
    }

    @Override
    public void changed() {
      changes++;
    }

    @Override
    public Runnable writer(Worker worker) {
      return () -> {};
    }

    @Override
    public void read(Worker worker, Link link) {
      throw new UnsupportedOperationException();
    }
  }

  /** A task's failure as the pool would make it, with what it was told. */
  static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int exitCode;
    final long pid;

    Failed(String message, int exitCode, long pid, Throwable cause) {
      super(message, cause);
      this.exitCode = exitCode;
      this.pid = pid;
    }
  }

  static final class Failures implements FailureFactory {
    @Override
    public RuntimeException taskFailed(String message, int exitCode, long pid, Throwable cause) {
      return new Failed(message, exitCode, pid, cause);
    }

    @Override
    public RuntimeException remoteCause(RemoteFailure failure) {
      return new IllegalStateException(failure.toString());
    }

    @Override
    public RuntimeException rethrown(RuntimeException failure) {
      return failure;
    }
  }

  /** Records the tasks settled. */
  static final class Results implements Sink {
    final Map<Integer, RuntimeException> failed = new HashMap<>();

    @Override
    public void succeeded(int index, Object value) {}

    @Override
    public void failed(int index, RuntimeException failure) {
      failed.put(index, failure);
    }

    @Override
    public void delivered() {}
  }

  private final Settlement settlement = new Settlement();
  private final PoolLock lock = new PoolLock(settlement);
  private final FakeLauncher launcher = new FakeLauncher();
  private final FakePool pool = new FakePool();
  private final Scheduler<Worker> scheduler =
      new Scheduler<>(
          0,
          new Scheduler.Decisions<Worker>() {
            @Override
            public void assign(Worker worker, Job job) {
              worker.held.add(job);
            }

            @Override
            public void retire(Worker worker) {}
          });
  private final WorkerEvents events =
      new WorkerEvents(
          lock, scheduler, launcher, launcher::exitOf, new Failures(), List.of(), pool);

  private Worker launch() {
    lock.lock();
    try {
      return events.workers().launch();
    } finally {
      lock.unlock();
    }
  }

  private Worker connect(Worker worker) {
    lock.lock();
    try {
      return events.ready(worker.id, worker.pid(), null, null);
    } finally {
      lock.unlock();
    }
  }

  @Test
  void aWorkerThatConnects_isReadyAndSeated() {
    Worker worker = launch();
    assertSame(worker, connect(worker));
    assertEquals(Worker.State.READY, worker.state);
    assertTrue(worker.seat.open);
  }

  @Test
  void aHelloWithAnotherPid_orTwice_orForAStoppedWorker_isTurnedAway() {
    Worker worker = launch();
    lock.lock();
    try {
      assertNull(events.ready(worker.id, worker.pid() + 1, null, null), "another pid");
      assertNull(events.ready(worker.id + 1000, worker.pid(), null, null), "no such worker");
    } finally {
      lock.unlock();
    }
    assertSame(worker, connect(worker));
    assertNull(connect(worker), "connected already");
    Worker stopped = launch();
    stopped.stopQueued = true;
    assertNull(connect(stopped));
  }

  @Test
  void aWorkerThatEnds_failsWhatItHeldWithItsExitCode_andIsReplaced() {
    Worker worker = launch();
    connect(worker);
    Results results = new Results();
    Job job = new Job(results, 0, 2, new byte[0], 0);
    settlement.added(2);
    lock.lock();
    try {
      scheduler.submit(job);
    } finally {
      lock.unlock();
    }
    assertSame(job, worker.held.peek());

    launcher.exit(worker, 137); // SIGKILL: no shutdown, no notice
    assertEquals(Worker.State.READY, worker.state, "ends once its reader is done too");
    events.readerDone(worker);

    assertEquals(Worker.State.ENDED, worker.state);
    assertEquals(2, results.failed.size());
    Failed failure = (Failed) results.failed.get(0);
    assertEquals(-9, failure.exitCode);
    assertEquals(worker.pid(), failure.pid);
    assertTrue(failure.getMessage().contains("was killed by SIGKILL"), failure.getMessage());
    assertFalse(settlement.anyPending());
    assertEquals(2, launcher.launched.size(), "replaced");
    assertTrue(pool.changes > 0);
  }

  @Test
  void aWorkerThatNeverConnected_inAPoolWhoseWorkersNeverStarted_breaksIt() {
    Worker worker = launch();
    launcher.exit(worker, 2);

    assertEquals(Worker.State.ENDED, worker.state);
    assertNotNull(pool.broken);
    assertTrue(pool.broken.getMessage().contains("could not start"), pool.broken.getMessage());
    assertEquals(2, ((Failed) pool.broken).exitCode);
    assertEquals(1, launcher.launched.size(), "not replaced: its options may be at fault");
  }

  @Test
  void startFailuresInARow_areReplacedUpToALimit_whileAWorkerServes() {
    Worker serving = launch();
    connect(serving);
    Worker failing = launch();
    for (int i = 1; i < WorkerEvents.MAX_START_FAILURES; i++) {
      launcher.exit(failing, 1);
      failing = lastLaunched(failing);
    }
    launcher.exit(failing, 1);
    assertEquals(2 + WorkerEvents.MAX_START_FAILURES - 1, launcher.launched.size());
    assertNull(pool.broken, "a worker still serves");
  }

  @Test
  void anInitializerFailure_turnsTheWorkerAway_andItsExitFailsThePoolWithIt() {
    Worker worker = launch();
    lock.lock();
    try {
      assertNull(events.ready(worker.id, worker.pid(), null, new IllegalStateException("init")));
    } finally {
      lock.unlock();
    }
    launcher.exit(worker, 1);
    assertNotNull(pool.broken);
    assertTrue(
        pool.broken.getMessage().startsWith("the pool's initializer failed in " + worker),
        pool.broken.getMessage());
    assertEquals("init", pool.broken.getCause().getMessage());
  }

  @Test
  void aWorkerStoppedBeforeItConnected_byAClosingPool_hasNotFailed() {
    Worker worker = launch();
    pool.state = PoolCore.State.CLOSED;
    worker.stopQueued = true;
    launcher.exit(worker, 143);
    assertEquals(Worker.State.ENDED, worker.state);
    assertNull(pool.broken);
    assertEquals(1, launcher.launched.size());
  }

  @Test
  void nothingIsReplacedOnceThePoolIsTerminated() {
    Worker worker = launch();
    connect(worker);
    pool.state = PoolCore.State.TERMINATED;
    launcher.exit(worker, 143);
    events.readerDone(worker);
    assertEquals(Worker.State.ENDED, worker.state);
    assertEquals(1, launcher.launched.size());
  }

  /** The worker launched last, which must not be {@code previous}. */
  private Worker lastLaunched(Worker previous) {
    FakeProcess last = launcher.launched.get(launcher.launched.size() - 1);
    lock.lock();
    try {
      for (Worker w : events.workers().all()) {
        if (w.process == last) {
          return w;
        }
      }
    } finally {
      lock.unlock();
    }
    throw new AssertionError("no worker replaced " + previous);
  }
}

package dev.subprocess.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.subprocess.internal.pool.WorkerEventsTest.FakeProcess;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How a worker's end reads: its exit status, and what it said of its end. */
@Timeout(10)
class ExitStatusTest {
  private static Worker ended(int status, boolean exiting, int signal) {
    FakeProcess process = new FakeProcess(42);
    process.exitValue = status;
    Worker worker = new Worker(1, "PoolWorker-1", process, new ReentrantLock().newCondition());
    worker.exiting = exiting;
    worker.signal = signal;
    return worker;
  }

  @Test
  void aSigtermThatCameAsTheWorkerExitedNormally_keepsItsStatus() {
    // The worker's own exit settled 0; its handler said SIGTERM came, too late to change it.
    assertEquals(0, ExitStatus.exitCode(ended(0, true, 15)));
    assertEquals(3, ExitStatus.exitCode(ended(3, true, 15)));
  }

  @Test
  void aSigtermThatEndedTheWorker_isMinus15() {
    assertEquals(-15, ExitStatus.exitCode(ended(143, true, 15)));
    assertEquals(-2, ExitStatus.exitCode(ended(130, true, 2)));
  }

  @Test
  void aStatusAbove128_isASignalOnlyWithoutShutdown() {
    assertEquals(-9, ExitStatus.exitCode(ended(137, false, 0)));
    assertEquals(143, ExitStatus.exitCode(ended(143, true, 0)), "System.exit(143)");
  }

  @Test
  void anOutOfMemoryExit_saysSo() {
    Worker worker = ended(ExitStatus.OUT_OF_MEMORY, false, 0);
    assertEquals(
        "ran out of memory (OutOfMemoryError, exit code 3)",
        ExitStatus.describe(worker, ExitStatus.exitCode(worker)));
  }
}

package dev.subprocess.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The scheduler's decisions, without a worker JVM: workers are names, jobs are counts. */
@Timeout(10)
class SchedulerTest {
  /** What the scheduler decided, in order: "w1 <- 3" (a job of 3 tasks), "retire w1". */
  private final List<String> decisions = new ArrayList<>();

  private final Scheduler.Decisions<String> recorder =
      new Scheduler.Decisions<>() {
        @Override
        public void assign(String worker, Job job) {
          decisions.add(worker + " <- " + job.size);
        }

        @Override
        public void retire(String worker) {
          decisions.add("retire " + worker);
        }
      };

  private static Job job(int tasks) {
    return new Job(null, 0, tasks, new byte[0], -1);
  }

  private List<String> taken() {
    List<String> taken = new ArrayList<>(decisions);
    decisions.clear();
    return taken;
  }

  @Test
  void aJobWaitsInTheBacklogUntilAWorkerIsOpen() {
    Scheduler<String> scheduler = new Scheduler<>(0, recorder);
    Scheduler.Seat<String> w1 = scheduler.seat("w1");
    scheduler.submit(job(1));
    assertEquals(List.of(), taken());
    assertTrue(scheduler.hasBacklog());
    scheduler.open(w1);
    assertEquals(List.of("w1 <- 1"), taken());
    assertFalse(scheduler.hasBacklog());
  }

  @Test
  void beforeAnyResultEachWorkerHoldsOneJobAtATime() {
    Scheduler<String> scheduler = new Scheduler<>(0, recorder);
    Scheduler.Seat<String> w1 = scheduler.seat("w1");
    Scheduler.Seat<String> w2 = scheduler.seat("w2");
    scheduler.open(w1);
    scheduler.open(w2);
    scheduler.submitAll(List.of(job(1), job(1), job(1)));
    assertEquals(List.of("w1 <- 1", "w2 <- 1"), taken());
    assertEquals(1, scheduler.window());
    scheduler.returned(w2, 1, TimeUnit.SECONDS.toNanos(1));
    assertEquals(List.of("w2 <- 1"), taken());
  }

  @Test
  void theWindowHoldsAboutTwoMillisecondsOfWork() {
    Scheduler<String> scheduler = new Scheduler<>(0, recorder);
    Scheduler.Seat<String> w1 = scheduler.seat("w1");
    scheduler.open(w1);
    scheduler.submit(job(1));
    scheduler.returned(w1, 1, TimeUnit.MICROSECONDS.toNanos(500));
    assertEquals(4, scheduler.window());
    scheduler.returned(w1, 0, 0);
    assertEquals(TimeUnit.MICROSECONDS.toNanos(500), scheduler.averageNanos());
    taken();
    for (int i = 0; i < 6; i++) {
      scheduler.submit(job(1));
    }
    assertEquals(List.of("w1 <- 1", "w1 <- 1", "w1 <- 1", "w1 <- 1"), taken());
    // Tiny tasks, lately: the window grows to its cap, not beyond.
    for (int i = 0; i < 100; i++) {
      scheduler.returned(w1, 1, 1);
    }
    assertEquals(Scheduler.MAX_WINDOW, scheduler.window());
  }

  @Test
  void jobsGoToTheLeastBusyWorker() {
    Scheduler<String> scheduler = new Scheduler<>(0, recorder);
    Scheduler.Seat<String> w1 = scheduler.seat("w1");
    Scheduler.Seat<String> w2 = scheduler.seat("w2");
    scheduler.open(w1);
    scheduler.submit(job(1));
    scheduler.returned(w1, 1, 1000);
    scheduler.submit(job(5));
    assertEquals(List.of("w1 <- 1", "w1 <- 5"), taken());
    scheduler.open(w2);
    scheduler.submitAll(List.of(job(1), job(1), job(1)));
    assertEquals(List.of("w2 <- 1", "w2 <- 1", "w2 <- 1"), taken());
    scheduler.submit(job(2));
    assertEquals(List.of("w2 <- 2"), taken());
    scheduler.submit(job(1));
    assertEquals(List.of("w1 <- 1"), taken());
  }

  @Test
  void aClosedWorkerIsGivenNothingMore() {
    Scheduler<String> scheduler = new Scheduler<>(0, recorder);
    Scheduler.Seat<String> w1 = scheduler.seat("w1");
    scheduler.open(w1);
    scheduler.close(w1);
    scheduler.submit(job(1));
    assertEquals(List.of(), taken());
    assertEquals(1, scheduler.drainBacklog().size());
    assertFalse(scheduler.hasBacklog());
  }

  @Test
  void aWorkerThatHasRunItsQuotaIsRetired() {
    Scheduler<String> scheduler = new Scheduler<>(2, recorder);
    Scheduler.Seat<String> w1 = scheduler.seat("w1");
    scheduler.open(w1);
    scheduler.submit(job(1));
    scheduler.returned(w1, 1, 1000);
    scheduler.submitAll(List.of(job(1), job(1)));
    // The second task spends the quota: retired at once, although it still runs that task.
    assertEquals(List.of("w1 <- 1", "w1 <- 1", "retire w1"), taken());
    assertFalse(w1.open);
    Scheduler.Seat<String> w2 = scheduler.seat("w2");
    scheduler.open(w2);
    assertEquals(List.of("w2 <- 1"), taken());
  }

  @Test
  void anIdleWorkerWhoseQuotaTheNextJobDoesNotFitIsRetired() {
    Scheduler<String> scheduler = new Scheduler<>(3, recorder);
    Scheduler.Seat<String> w1 = scheduler.seat("w1");
    scheduler.open(w1);
    scheduler.submit(job(2));
    assertEquals(List.of("w1 <- 2"), taken());
    scheduler.submit(job(2));
    // One task of quota left, and busy: it keeps its place until its task returns.
    assertEquals(List.of(), taken());
    scheduler.returned(w1, 2, 1000);
    assertEquals(List.of("retire w1"), taken());
    assertTrue(scheduler.hasBacklog());
  }

  @Test
  void theBacklogIsDrainedInOrder() {
    Scheduler<String> scheduler = new Scheduler<>(0, recorder);
    Job first = job(1);
    Job second = job(2);
    scheduler.submitAll(List.of(first, second));
    assertEquals(List.of(first, second), scheduler.drainBacklog());
    assertEquals(List.of(), scheduler.drainBacklog());
  }
}

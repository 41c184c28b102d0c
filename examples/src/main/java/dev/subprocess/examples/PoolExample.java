package dev.subprocess.examples;

import dev.subprocess.Pool;
import dev.subprocess.Subprocess;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * A pool of three workers runs five tasks: only three pids show, each reused, because a pool's
 * workers are long-lived and run task after task. Submitted all at once, the five tasks take two
 * rounds of three workers; run one by one with the blocking {@code apply}, five. The Python twin:
 *
 * <pre>{@code
 * import os
 * import time
 * from multiprocessing import Pool
 *
 * def work(task):
 *     time.sleep(0.5)
 *     return task, os.getpid()
 *
 * if __name__ == "__main__":
 *     with Pool(3) as pool:
 *         began = time.perf_counter()
 *         pending = [pool.apply_async(work, (task,)) for task in range(5)]
 *         done = [p.get() for p in pending]
 *         print(f"apply_async: {time.perf_counter() - began:.2f} s", done)
 *         print("pids:", sorted({pid for _, pid in done}))
 *
 *         began = time.perf_counter()
 *         done = [pool.apply(work, (task,)) for task in range(5)]
 *         print(f"apply, one by one: {time.perf_counter() - began:.2f} s", done)
 * }</pre>
 */
public final class PoolExample {
  private static final int TASKS = 5;
  private static final int WORKERS = 3;
  private static final int TASK_MILLIS = 500;

  private PoolExample() {}

  /** What a task reports: which it was, and which worker ran it. */
  record Done(int task, long pid) {}

  @Subprocess
  static Done work(int task) throws InterruptedException {
    Thread.sleep(TASK_MILLIS);
    return new Done(task, ProcessHandle.current().pid());
  }

  public static void main(String[] args) throws InterruptedException {
    try (Pool pool = new Pool(WORKERS)) {
      long began = System.nanoTime();
      List<CompletableFuture<Done>> pending = new ArrayList<>();
      for (int task = 0; task < TASKS; task++) {
        pending.add(pool.applyAsync(WorkProcess.task(task)));
      }
      List<Done> done = new ArrayList<>();
      for (CompletableFuture<Done> future : pending) {
        done.add(future.join());
      }
      System.out.printf(
          "applyAsync, all at once: %.2f s (%d tasks of %.1f s on %d workers, and their start)%n",
          secondsSince(began), TASKS, TASK_MILLIS / 1e3, WORKERS);
      print(done);

      began = System.nanoTime();
      done.clear();
      for (int task = 0; task < TASKS; task++) {
        done.add(pool.apply(WorkProcess.task(task)));
      }
      System.out.printf("apply, one by one:       %.2f s%n", secondsSince(began));
      print(done);
    }
  }

  private static void print(List<Done> done) {
    Set<Long> pids = new TreeSet<>();
    for (Done d : done) {
      System.out.printf("  task %d ran in pid %d%n", d.task(), d.pid());
      pids.add(d.pid());
    }
    System.out.printf(
        "  %d worker pid%s for %d tasks: %s%n",
        pids.size(), pids.size() == 1 ? "" : "s", done.size(), pids);
  }

  private static double secondsSince(long nanos) {
    return (System.nanoTime() - nanos) / 1e9;
  }
}

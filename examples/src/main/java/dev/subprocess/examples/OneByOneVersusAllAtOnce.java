package dev.subprocess.examples;

import dev.subprocess.Subprocess;
import java.util.ArrayList;
import java.util.List;

/**
 * Processes joined one by one take the sum of their times; started all at once and then joined,
 * they take about the longest one's. (Each child JVM also takes a moment to start, which the
 * second way overlaps as well.) The Python twin:
 *
 * <pre>{@code
 * import time
 * from multiprocessing import Process
 *
 * def nap(seconds):
 *     time.sleep(seconds)
 *
 * if __name__ == "__main__":
 *     naps = [0.2, 0.3, 0.3]
 *
 *     began = time.perf_counter()
 *     for seconds in naps:
 *         p = Process(target=nap, args=(seconds,))
 *         p.start()
 *         p.join()
 *     print(f"one by one: {time.perf_counter() - began:.2f} s")
 *
 *     began = time.perf_counter()
 *     processes = [Process(target=nap, args=(seconds,)) for seconds in naps]
 *     for p in processes:
 *         p.start()
 *     for p in processes:
 *         p.join()
 *     print(f"all started, then all joined: {time.perf_counter() - began:.2f} s")
 *     print("exit codes:", [p.exitcode for p in processes])
 * }</pre>
 */
public final class OneByOneVersusAllAtOnce {
  private static final List<Integer> NAPS_MILLIS = List.of(200, 300, 300);

  private OneByOneVersusAllAtOnce() {}

  @Subprocess
  static void nap(int millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  public static void main(String[] args) throws InterruptedException {
    long began = System.nanoTime();
    for (int millis : NAPS_MILLIS) {
      NapProcess p = new NapProcess(millis).start();
      p.join();
    }
    System.out.printf(
        "one by one: %.2f s (the naps add up to %.2f s)%n", secondsSince(began), sumOfNaps());

    began = System.nanoTime();
    List<NapProcess> processes = new ArrayList<>();
    for (int millis : NAPS_MILLIS) {
      processes.add(new NapProcess(millis));
    }
    for (NapProcess p : processes) {
      p.start();
    }
    for (NapProcess p : processes) {
      p.join();
    }
    System.out.printf(
        "all started, then all joined: %.2f s (the longest nap is %.2f s)%n",
        secondsSince(began), longestNap());
    System.out.println(
        "exit codes: " + processes.stream().map(p -> p.exitCode().getAsInt()).toList());
  }

  private static double sumOfNaps() {
    return NAPS_MILLIS.stream().mapToInt(Integer::intValue).sum() / 1e3;
  }

  private static double longestNap() {
    return NAPS_MILLIS.stream().mapToInt(Integer::intValue).max().orElse(0) / 1e3;
  }

  private static double secondsSince(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1e9;
  }
}

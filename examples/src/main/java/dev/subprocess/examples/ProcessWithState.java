package dev.subprocess.examples;

import dev.subprocess.Subprocess;

/**
 * A process with state. Python keeps it in a subclass of {@code Process} and its {@code run()};
 * here it is a record, whose {@code @Subprocess} instance method runs in the child with the
 * record's components as they were given. The Python twin:
 *
 * <pre>{@code
 * import os
 * import time
 * from multiprocessing import Process
 *
 * class Sleeper(Process):
 *     def __init__(self, interval):
 *         super().__init__()
 *         self.interval = interval
 *
 *     def run(self):
 *         print(f"pid {os.getpid()} sleeps {self.interval} s")
 *         time.sleep(self.interval)
 *         print(f"pid {os.getpid()} is awake")
 *
 * if __name__ == "__main__":
 *     p = Sleeper(0.2)
 *     p.start()
 *     p.join()
 *     print(f"{p.name} ended with exit code {p.exitcode}")
 * }</pre>
 *
 * <p>Unlike Python's {@code run()}, the method can return a value: {@code result()} waits for it.
 */
public final class ProcessWithState {
  private ProcessWithState() {}

  /** Sleeps {@code interval} milliseconds. */
  record Sleeper(int interval) {
    /** Returns how long it really slept, in milliseconds. */
    @Subprocess(className = "SleeperProcess")
    long sleep() throws InterruptedException {
      long pid = ProcessHandle.current().pid();
      System.out.println("pid " + pid + " sleeps " + interval + " ms");
      long start = System.nanoTime();
      Thread.sleep(interval);
      long slept = (System.nanoTime() - start) / 1_000_000;
      System.out.println("pid " + pid + " is awake");
      return slept;
    }
  }

  public static void main(String[] args) throws InterruptedException {
    SleeperProcess p = new SleeperProcess(new Sleeper(200)).start();
    long slept = p.result();
    System.out.println(
        p.name() + " slept " + slept + " ms and ended with exit code " + p.exitCode().getAsInt());
  }
}

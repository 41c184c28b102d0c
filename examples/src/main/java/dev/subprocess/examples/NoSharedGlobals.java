package dev.subprocess.examples;

import dev.subprocess.Subprocess;

/**
 * Processes share no globals: the child changes a static field in its own JVM, and the parent's
 * stays as it was. The Python twin:
 *
 * <pre>{@code
 * from multiprocessing import Process
 *
 * counter = 0
 *
 * def increment():
 *     global counter
 *     counter += 1
 *     print("in the child, counter =", counter)
 *
 * if __name__ == "__main__":
 *     p = Process(target=increment)
 *     p.start()
 *     p.join()
 *     print("in the parent, counter =", counter)
 * }</pre>
 */
public final class NoSharedGlobals {
  private static int counter = 0;

  private NoSharedGlobals() {}

  @Subprocess
  static void increment() {
    counter += 1;
    System.out.println("in the child, counter = " + counter);
  }

  public static void main(String[] args) throws InterruptedException {
    new IncrementProcess().start().join();
    System.out.println("in the parent, counter = " + counter);
  }
}

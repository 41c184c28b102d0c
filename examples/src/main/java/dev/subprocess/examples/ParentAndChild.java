package dev.subprocess.examples;

import dev.subprocess.Subprocess;

/**
 * A child process and its parent: each has its own pid, and the child's parent is the JVM that
 * started it, as {@code os.getpid()} and {@code os.getppid()} show in Python. The Python twin:
 *
 * <pre>{@code
 * import os
 * from multiprocessing import Process
 *
 * def info(title):
 *     print(title)
 *     print("parent process:", os.getppid())
 *     print("process id:", os.getpid())
 *
 * def hello(name):
 *     info("function hello")
 *     print("hello", name)
 *
 * if __name__ == "__main__":
 *     info("main line")
 *     p = Process(target=hello, args=("bob",))
 *     p.start()
 *     p.join()
 * }</pre>
 */
public final class ParentAndChild {
  private ParentAndChild() {}

  static void info(String title) {
    ProcessHandle self = ProcessHandle.current();
    System.out.println(title);
    System.out.println("parent process: " + self.parent().map(ProcessHandle::pid).orElse(-1L));
    System.out.println("process id: " + self.pid());
  }

  @Subprocess
  static void hello(String name) {
    info("method hello");
    System.out.println("hello " + name);
  }

  public static void main(String[] args) throws InterruptedException {
    info("main line");
    new HelloProcess("bob").start().join();
  }
}

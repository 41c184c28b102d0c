package dev.subprocess.examples;

import dev.subprocess.Queue;
import dev.subprocess.Subprocess;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two children that talk through a queue: a writer puts A, B and C, pausing at random; a reader
 * loops on {@code get} and prints each. The parent only creates the queue, joins the writer and
 * terminates the reader. The Python twin:
 *
 * <pre>{@code
 * import os, random, time
 * from multiprocessing import Process, Queue
 *
 * def write(q):
 *     print("Process to write: %s" % os.getpid())
 *     for value in ["A", "B", "C"]:
 *         print("Put %s to queue..." % value)
 *         q.put(value)
 *         time.sleep(random.random())
 *
 * def read(q):
 *     print("Process to read: %s" % os.getpid())
 *     while True:
 *         value = q.get(True)
 *         print("Get %s from queue." % value)
 *
 * if __name__ == "__main__":
 *     q = Queue()
 *     pw = Process(target=write, args=(q,))
 *     pr = Process(target=read, args=(q,))
 *     pw.start()
 *     pr.start()
 *     pw.join()
 *     pr.terminate()
 * }</pre>
 */
public final class QueueExample {
  private QueueExample() {}

  @Subprocess
  static void write(Queue<String> queue) throws InterruptedException {
    System.out.println("Process to write: " + ProcessHandle.current().pid());
    for (String value : List.of("A", "B", "C")) {
      System.out.println("Put " + value + " to queue...");
      queue.put(value);
      Thread.sleep(ThreadLocalRandom.current().nextInt(1000));
    }
  }

  @Subprocess
  static void read(Queue<String> queue) throws InterruptedException {
    System.out.println("Process to read: " + ProcessHandle.current().pid());
    while (true) {
      String value = queue.get();
      System.out.println("Get " + value + " from queue.");
    }
  }

  public static void main(String[] args) throws InterruptedException {
    try (Queue<String> queue = new Queue<>()) {
      WriteProcess writer = new WriteProcess(queue);
      ReadProcess reader = new ReadProcess(queue);
      writer.start();
      reader.start();
      writer.join();
      reader.terminate();
      reader.join();
    }
  }
}

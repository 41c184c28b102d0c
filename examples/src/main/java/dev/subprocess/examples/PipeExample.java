package dev.subprocess.examples;

import dev.subprocess.Connection;
import dev.subprocess.Pipe;
import dev.subprocess.Subprocess;
import java.io.UncheckedIOException;

/**
 * A pipe between the parent and a child: the child sends a message on its end and closes it; the
 * parent receives the message, and then the end of the pipe. The Python twin:
 *
 * <pre>{@code
 * from multiprocessing import Process, Pipe
 *
 * def f(conn):
 *     conn.send([42, None, "hello"])
 *     conn.close()
 *
 * if __name__ == "__main__":
 *     parent_conn, child_conn = Pipe()
 *     p = Process(target=f, args=(child_conn,))
 *     p.start()
 *     print(parent_conn.recv())   # prints "[42, None, 'hello']"
 *     try:
 *         parent_conn.recv()
 *     except EOFError:
 *         print("the child closed its end")
 *     p.join()
 * }</pre>
 *
 * <p>Messages are typed, so the list of Python becomes a record here.
 */
public final class PipeExample {
  private PipeExample() {}

  /** What the child sends. */
  record Message(int answer, String nothing, String greeting) {}

  @Subprocess
  static void f(Connection<Message> connection) throws InterruptedException {
    connection.send(new Message(42, null, "hello"));
    connection.close();
  }

  public static void main(String[] args) throws InterruptedException {
    Pipe<Message> pipe = Pipe.open();
    Connection<Message> parentEnd = pipe.first();
    FProcess p = new FProcess(pipe.second()); // the second end moves to the child
    p.start();
    System.out.println(parentEnd.recv());
    try {
      parentEnd.recv();
    } catch (UncheckedIOException e) {
      System.out.println("the child closed its end");
    }
    parentEnd.close();
    p.join();
  }
}

package dev.subprocess;

import dev.subprocess.internal.pipe.PipeAccess;
import dev.subprocess.internal.pipe.PipeEndpoint;

/**
 * A two-way channel between two processes, the counterpart of Python's {@code
 * multiprocessing.Pipe()}: two {@link Connection} ends, {@link #first()} and {@link #second()};
 * what one sends, the other receives, in order.
 *
 * <pre>{@code
 * Pipe<String> pipe = Pipe.open();
 * new EchoProcess(pipe.second()).start();  // the second end moves to the child
 * pipe.first().send("ping");
 * String answer = pipe.first().recv();
 * }</pre>
 *
 * <p>How the ends are reached: the messages travel through a file of shared memory (two rings,
 * one each way) in the private folder of the process that opened the pipe, its host; whoever
 * holds an end maps it. An end held elsewhere connects once to the host, over a Unix socket that
 * only this process tree can use, to learn where the file is and to exchange doorbells: a receiver
 * that sleeps is woken through it. The host must therefore outlive the use of the pipe: when it
 * ends, the ends held elsewhere receive what was sent, then the end of the pipe. The file is
 * removed when both ends are closed, or when the host ends.
 *
 * @param <E> the type of the messages, both ways
 */
public final class Pipe<E> {
  private final Connection<E> first;
  private final Connection<E> second;

  private Pipe(Connection<E> first, Connection<E> second) {
    this.first = first;
    this.second = second;
  }

  /** Opens a pipe, hosted by this process, with both ends here. */
  public static <E> Pipe<E> open() {
    PipeEndpoint[] ends = PipeAccess.open();
    return new Pipe<>(connection(ends[0]), connection(ends[1]));
  }

  /** The first end. */
  public Connection<E> first() {
    return first;
  }

  /** The second end. */
  public Connection<E> second() {
    return second;
  }

  // An end carries no element type at run time: E is what the caller of open() chose.
  @SuppressWarnings("unchecked")
  private static <E> Connection<E> connection(PipeEndpoint endpoint) {
    return (Connection<E>) PipeAccess.connection(endpoint);
  }
}

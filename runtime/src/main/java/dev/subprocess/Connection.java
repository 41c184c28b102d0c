package dev.subprocess;

import dev.subprocess.internal.pipe.PipeEndpoint;
import dev.subprocess.internal.time.Timeouts;
import dev.subprocess.internal.wire.HandleType;
import dev.subprocess.internal.wire.HandleTypes;
import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.time.Duration;

/**
 * One end of a {@link Pipe}, the counterpart of Python's {@code multiprocessing.connection
 * .Connection}: what one end sends, the other receives, in order, both ways.
 *
 * <p>An end is used by one process at a time. Passing it to a child (as an argument of a {@link
 * Subprocess @Subprocess} method, inside one, in a result or as a queue element) <em>moves</em>
 * it there: from then on, a use of it in this process throws {@link IllegalStateException}, and
 * {@link #close()} here does nothing. A message half sent or half received when it moves is
 * finished first.
 *
 * <p>Lifecycle: {@code OPEN -> CLOSED} by {@link #close()}, or {@code OPEN -> MOVED}. When the
 * other end is closed, or the process holding it has ended, {@link #recv()} returns what was sent
 * before, then throws {@link java.io.UncheckedIOException} with an {@link java.io.EOFException}
 * cause (Python's {@code EOFError}); {@link #send} throws {@code UncheckedIOException} (Python's
 * {@code BrokenPipeError}).
 *
 * <p>Messages must be transferable (see {@link Process}) and are copied when sent; {@code null} is
 * refused. They travel through shared memory, directly from one end to the other, with no system
 * call while the receiver is busy; a receiver that waits looks for a few microseconds, then
 * sleeps until the sender rings (see {@link Pipe} for how the ends are reached).
 *
 * <p>Thread-safe: sends are one at a time, and so are receives.
 *
 * @param <E> the type of the messages
 */
public final class Connection<E> implements AutoCloseable {
  static {
    HandleTypes.register(new Type());
  }

  private final PipeEndpoint endpoint;

  /** The connection in front of {@code endpoint}; for {@link Pipe#open()}. */
  Connection(PipeEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * Sends {@code message} to the other end; waits only while the pipe's buffer is full.
   *
   * @throws NullPointerException if {@code message} is null
   * @throws IllegalArgumentException if it is not transferable, naming its type
   * @throws IllegalStateException if this end is closed, or was moved to another process
   * @throws java.io.UncheckedIOException if the other end is closed, or its holder has ended
   */
  public void send(E message) throws InterruptedException {
    endpoint.send(message);
  }

  /**
   * Receives the next message, waiting for one.
   *
   * @throws java.io.UncheckedIOException with an {@link java.io.EOFException} cause, once every
   *     message sent is received, if the other end is closed or its holder has ended
   * @throws CorruptMessageException if the message received cannot be decoded; the next {@code
   *     recv} receives the message after it
   * @throws IllegalStateException if this end is closed, or was moved to another process
   */
  public E recv() throws InterruptedException {
    Object message;
    try {
      message = endpoint.recv();
    } catch (MalformedMessageException e) {
      throw new CorruptMessageException(e.getMessage());
    }
    return cast(message);
  }

  /**
   * Waits at most {@code timeout} for something to receive: true if {@link #recv()} would not
   * wait, because a message has arrived or because it would report the end of the pipe.
   *
   * @throws IllegalStateException if this end is closed, or was moved to another process
   */
  public boolean poll(Duration timeout) throws InterruptedException {
    return endpoint.poll(Timeouts.nanos(timeout));
  }

  /**
   * Closes this end: the other end receives what was sent, then the end of the pipe. A no-op if
   * the end was moved to another process, or is closed already.
   */
  @Override
  public void close() {
    endpoint.close();
  }

  @Override
  public String toString() {
    return endpoint.toString();
  }

  @SuppressWarnings("unchecked") // messages were sent as E: the pipe is typed where it is opened
  private E cast(Object message) {
    return (E) message;
  }

  /** How an end travels: as a handle that moves it, tag 0x41. */
  private static final class Type extends HandleType<Connection<?>> {
    Type() {
      super(Connection.class, 0x41);
    }

    @Override
    protected void write(WireOutput out, Connection<?> connection) {
      PipeEndpoint.writeHandle(out, connection.endpoint);
    }

    @Override
    protected Connection<?> read(WireInput in) {
      return new Connection<>(PipeEndpoint.readHandle(in));
    }

    /** An end read from a message that failed: closed, so that its peer reads the end of file. */
    @Override
    protected void abandon(Connection<?> connection) {
      connection.endpoint.close();
    }
  }
}

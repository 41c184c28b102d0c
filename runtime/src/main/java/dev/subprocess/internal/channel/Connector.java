package dev.subprocess.internal.channel;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Opens the socket of a client, within a deadline. A blocking connect to a Unix domain socket
 * whose listener does not accept waits, once its backlog is full, for as long as the listener
 * lives; so the connect here does not block: the kernel then answers at once ({@code EAGAIN}),
 * and this tries again after a pause until the deadline.
 *
 * <p>Stateless; safe for use by several threads.
 */
final class Connector {
  private static final long FIRST_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
  private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private Connector() {}

  /**
   * A socket connected to {@code address}, in non-blocking mode.
   *
   * @throws IOException if nothing listens there, or the listener accepted nothing before {@code
   *     deadline} (of {@link System#nanoTime()})
   * @throws InterruptedIOException if this thread is interrupted while it waits for the listener;
   *     its interrupt status stays set
   */
  static SocketChannel open(Address address, long deadline) throws IOException {
    UnixDomainSocketAddress socket = UnixDomainSocketAddress.of(address.path());
    long pause = FIRST_PAUSE_NANOS;
    while (true) {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        channel.configureBlocking(false);
        if (channel.connect(socket) || finish(channel, deadline)) {
          return channel;
        }
        throw full(address, null);
      } catch (ConnectException e) {
        // Nobody listens on the socket any more.
        channel.close();
        throw e;
      } catch (SocketException e) {
        channel.close();
        // EAGAIN, a full backlog, unless the socket is not there at all.
        if (!Files.exists(address.path())) {
          throw e;
        }
        if (deadline - System.nanoTime() <= 0) {
          throw full(address, e);
        }
      } catch (IOException | RuntimeException | Error e) {
        channel.close();
        throw e;
      }
      pause(pause);
      pause = Math.min(2 * pause, LONGEST_PAUSE_NANOS);
    }
  }

  /** Completes a connect that the kernel left pending; false if the deadline passed first. */
  private static boolean finish(SocketChannel channel, long deadline) throws IOException {
    long pause = FIRST_PAUSE_NANOS;
    while (!channel.finishConnect()) {
      if (deadline - System.nanoTime() <= 0) {
        return false;
      }
      pause(pause);
      pause = Math.min(2 * pause, LONGEST_PAUSE_NANOS);
    }
    return true;
  }

  private static void pause(long nanos) throws InterruptedIOException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("interrupted while waiting for a listener to accept");
    }
    LockSupport.parkNanos(nanos);
  }

  private static IOException full(Address address, Throwable cause) {
    return new IOException(
        "the listener at " + address + " accepted no connection in time", cause);
  }
}

package dev.subprocess.internal.channel;

import dev.subprocess.internal.process.RuntimeDirectory;
import dev.subprocess.internal.wire.WireInput;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * A Unix domain socket in this JVM's {@link RuntimeDirectory} (the folder 0700, the socket 0600)
 * that accepts {@link Link}s from clients that know its {@link Address}.
 *
 * <pre>{@code
 * Listener listener = Listener.open("pool", (link, hello) -> { ... this thread is the link's ... });
 * Address address = listener.address();    // give it to a child in its bootstrap
 * ...
 * listener.close();                       // no new links; the socket file is removed
 * }</pre>
 *
 * <p>A daemon thread accepts connections. Each one gets a daemon thread of its own, which checks
 * that the client runs as this OS user ({@code SO_PEERCRED}), challenges it to prove it knows the
 * secret (see {@link Handshake}), and then calls {@link Handler#accepted} with the link and the
 * client's hello. A client that fails, stalls for more than 10 seconds or sends a malformed or
 * oversized frame is disconnected; nothing else notices. At most {@value #MAX_HANDSHAKES}
 * handshakes run at a time; a client beyond them is disconnected at once.
 *
 * <p>Lifecycle: {@code OPEN -> CLOSED}. {@link #close()} stops accepting and removes the socket
 * file; the links already accepted are their handlers' to close.
 */
public final class Listener implements AutoCloseable {
  static final int MAX_HANDSHAKES = 64;

  /** What a listener does with each authenticated link. */
  public interface Handler {
    /**
     * Takes an authenticated link, on a thread of its own that the handler may keep for as long
     * as it likes (to receive on the link, typically). The link stays open when this method
     * returns; if it throws, the link is closed.
     *
     * @param hello what the client sent with {@link Link#connect}
     */
    void accepted(Link link, WireInput hello) throws Exception;
  }

  private final ServerSocketChannel server;
  private final Address address;
  private final Handler handler;
  private final UserPrincipal owner;
  private final long handshakeTimeoutNanos;
  private final String name;
  private final Semaphore handshakes = new Semaphore(MAX_HANDSHAKES);
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile boolean closed;

  private Listener(
      ServerSocketChannel server, Address address, Handler handler, UserPrincipal owner,
      long handshakeTimeoutNanos, String name) {
    this.server = server;
    this.address = address;
    this.handler = handler;
    this.owner = owner;
    this.handshakeTimeoutNanos = handshakeTimeoutNanos;
    this.name = name;
  }

  /**
   * Opens a listener whose socket is named after {@code kind} ({@code pool-3}, say), and starts
   * accepting.
   */
  public static Listener open(String kind, Handler handler) throws IOException {
    return open(kind, handler, Link.HANDSHAKE_TIMEOUT_NANOS);
  }

  static Listener open(String kind, Handler handler, long handshakeTimeoutNanos)
      throws IOException {
    Path path = RuntimeDirectory.newPath(kind);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      server.bind(UnixDomainSocketAddress.of(path));
      // The folder is 0700 already; this keeps the socket private should it ever be moved.
      RuntimeDirectory.restrict(path);
      UserPrincipal owner = Files.getOwner(path);
      Address address = new Address(path, Handshake.randomBytes(Address.SECRET_LENGTH));
      Listener listener =
          new Listener(
              server, address, handler, owner, handshakeTimeoutNanos,
              path.getFileName().toString());
      Thread acceptor = new Thread(listener.new Acceptor(), "dev.subprocess " + listener.name);
      acceptor.setDaemon(true);
      acceptor.start();
      return listener;
    } catch (IOException | RuntimeException | Error e) {
      server.close();
      Files.deleteIfExists(path);
      throw e;
    }
  }

  /** Where clients connect, with the secret they need. */
  public Address address() {
    return address;
  }

  /** Stops accepting and removes the socket file. Idempotent. */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // Closed anyway.
    }
    try {
      Files.deleteIfExists(address.path());
    } catch (IOException e) {
      // The runtime folder goes at exit anyway.
    }
  }

  @Override
  public String toString() {
    return "Listener[" + address + (closed ? ", closed]" : "]");
  }

  private void acceptLoop() {
    while (!closed) {
      SocketChannel channel;
      try {
        channel = server.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (closed) {
          return;
        }
        // Out of file descriptors, most likely: give the process a moment to release some.
        pause();
        continue;
      }
      if (!handshakes.tryAcquire()) {
        closeQuietly(channel);
        continue;
      }
      Thread connection =
          new Thread(
              new Connection(channel), "dev.subprocess " + name + " link " + accepted.incrementAndGet());
      connection.setDaemon(true);
      try {
        connection.start();
      } catch (Error e) {
        handshakes.release();
        closeQuietly(channel);
        throw e;
      }
    }
  }

  /** Authenticates one client, then hands its link to the handler on this same thread. */
  private void serve(SocketChannel channel) {
    Link link = null;
    WireInput hello = null;
    try {
      UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
      if (peer.user().equals(owner)) {
        link = new Link(channel, Handshake.MAX_HANDSHAKE_FRAME);
        hello = Handshake.accept(link, address.secret(), handshakeTimeoutNanos);
      }
    } catch (IOException | RuntimeException e) {
      // A malformed, oversized or late answer, or a client that left: only this link is dropped.
      hello = null;
    } finally {
      handshakes.release();
    }
    if (hello == null) {
      if (link != null) {
        link.close();
      } else {
        closeQuietly(channel);
      }
      return;
    }
    link.maxFrameLength(Link.DEFAULT_MAX_FRAME_LENGTH);
    try {
      handler.accepted(link, hello);
    } catch (Exception e) {
      link.close();
    } catch (Error e) {
      link.close();
      throw e;
    }
  }

  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing more to do.
    }
  }

  private final class Acceptor implements Runnable {
    @Override
    public void run() {
      acceptLoop();
    }
  }

  private final class Connection implements Runnable {
    private final SocketChannel channel;

    Connection(SocketChannel channel) {
      this.channel = channel;
    }

    @Override
    public void run() {
      serve(channel);
    }
  }
}

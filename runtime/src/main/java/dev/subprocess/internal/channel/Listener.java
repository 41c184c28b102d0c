package dev.subprocess.internal.channel;

import dev.subprocess.internal.files.RuntimeDirectory;
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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Unix domain socket in this JVM's {@link RuntimeDirectory} (the folder 0700, the socket 0600)
 * that accepts {@link Link}s from clients that know one of its keys.
 *
 * <pre>{@code
 * Listener listener = Listener.open("pool", (link, hello) -> { ... this thread is the link's ... });
 * Address address = listener.address();    // give it to a child in its bootstrap
 * ...
 * listener.close();                       // no new links; the socket file is removed
 * }</pre>
 *
 * <p>Keys: a listener opened with {@link #open(String, Handler)} has one random key, which {@link
 * #address()} holds. One opened with {@link #open(String, Keys, Handler)} has as many as its
 * {@link Keys} resolve, each under its key id, and {@link #address(byte[])} gives the address of
 * one: a client proves it knows that key, the handler learns which from {@link Link#keyId()}, and
 * a client that holds one key can reach nothing that another key guards.
 *
 * <p>A daemon thread accepts connections. Each one gets a daemon thread of its own, which checks
 * that the client runs as this OS user ({@code SO_PEERCRED}), runs the {@link Handshake} (each side
 * proves it knows the key), and then calls {@link Handler#accepted} with the link and the client's
 * hello. A client that fails, stalls for more than 10 seconds or sends a malformed or oversized
 * frame is disconnected; nothing else notices. At most {@value #MAX_HANDSHAKES} handshakes run at a
 * time; a client beyond them is disconnected at once.
 *
 * <p>The accepting thread outlives what it cannot help: a failure to accept or to start a thread
 * (no file descriptor, no native thread) drops that one client and pauses the loop, longer each
 * time in a row, up to a second. Should the thread end anyway, it closes the listener first, so
 * that clients are refused at once rather than left waiting on a socket nobody accepts.
 *
 * <p>Lifecycle: {@code OPEN -> CLOSED}. {@link #close()} stops accepting and removes the socket
 * file; the links already accepted are their handlers' to close.
 */
public final class Listener implements AutoCloseable {
  static final int MAX_HANDSHAKES = 64;
  private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final long LONGEST_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final byte[] NO_KEY_ID = new byte[0];

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

  /** The keys of a listener, by key id. Called from the handshakes' threads, concurrently. */
  public interface Keys {
    /**
     * The key a client that names {@code keyId} must know ({@value Address#KEY_LENGTH} bytes), or
     * null to turn the client away.
     */
    byte[] key(byte[] keyId);
  }

  private final ServerSocketChannel server;
  private final Path path;
  private final Keys keys;
  private final Handler handler;
  private final UserPrincipal owner;
  private final long handshakeTimeoutNanos;
  private final ThreadFactory threads;
  private final Semaphore handshakes = new Semaphore(MAX_HANDSHAKES);
  private volatile boolean closed;

  private Listener(
      ServerSocketChannel server, Path path, Keys keys, Handler handler, UserPrincipal owner,
      long handshakeTimeoutNanos, ThreadFactory threads) {
    this.server = server;
    this.path = path;
    this.keys = keys;
    this.handler = handler;
    this.owner = owner;
    this.handshakeTimeoutNanos = handshakeTimeoutNanos;
    this.threads = threads;
  }

  /**
   * Opens a listener of one random key, whose socket is named after {@code kind} ({@code pool-3},
   * say), and starts accepting.
   */
  public static Listener open(String kind, Handler handler) throws IOException {
    return open(kind, singleKey(), handler);
  }

  /** Opens a listener of the keys that {@code keys} resolves, and starts accepting. */
  public static Listener open(String kind, Keys keys, Handler handler) throws IOException {
    return open(kind, keys, handler, Link.HANDSHAKE_TIMEOUT_NANOS, null);
  }

  /**
   * @param threads makes the thread of each connection, for tests; null for daemon threads
   */
  static Listener open(
      String kind, Keys keys, Handler handler, long handshakeTimeoutNanos, ThreadFactory threads)
      throws IOException {
    Path path = RuntimeDirectory.newPath(kind);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      server.bind(UnixDomainSocketAddress.of(path));
      // The folder is 0700 already; this keeps the socket private should it ever be moved.
      RuntimeDirectory.restrict(path);
      UserPrincipal owner = Files.getOwner(path);
      String name = "dev.subprocess " + path.getFileName();
      Listener listener =
          new Listener(
              server, path, keys, handler, owner, handshakeTimeoutNanos,
              threads != null ? threads : new Daemons(name + " link "));
      Thread acceptor = new Thread(listener.new Acceptor(), name);
      acceptor.setDaemon(true);
      acceptor.start();
      return listener;
    } catch (IOException | RuntimeException | Error e) {
      server.close();
      Files.deleteIfExists(path);
      throw e;
    }
  }

  static Keys singleKey() {
    byte[] key = Handshake.randomBytes(Address.KEY_LENGTH);
    return keyId -> keyId.length == 0 ? key : null;
  }

  /** Where clients connect, with the key they need: that of the empty key id. */
  public Address address() {
    return address(NO_KEY_ID);
  }

  /**
   * The address of the key {@code keyId}.
   *
   * @throws IllegalArgumentException if this listener has no such key
   */
  public Address address(byte[] keyId) {
    byte[] key = keys.key(keyId);
    if (key == null) {
      throw new IllegalArgumentException("this listener has no such key");
    }
    return new Address(path, keyId, key);
  }

  /** The socket file. */
  public Path path() {
    return path;
  }

  /** False once closed, by {@link #close()} or because it could no longer accept. */
  public boolean isOpen() {
    return !closed;
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
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // The runtime folder goes at exit anyway.
    }
  }

  @Override
  public String toString() {
    return "Listener[" + path + (closed ? ", closed]" : "]");
  }

  private void acceptLoop() {
    long pause = 0;
    try {
      while (!closed) {
        try {
          acceptOne();
          pause = 0;
        } catch (ClosedChannelException e) {
          return;
        } catch (IOException | RuntimeException | Error e) {
          // Out of file descriptors or native threads, most likely: a transient state that the
          // process may leave, so give it a moment rather than end the loop.
          if (closed) {
            return;
          }
          pause = pause == 0 ? FIRST_PAUSE_NANOS : Math.min(2 * pause, LONGEST_PAUSE_NANOS);
          pause(pause);
        }
      }
    } finally {
      // Whatever ends the loop: a socket that stays bound with nobody to accept would leave each
      // client waiting for its handshake to time out.
      close();
    }
  }

  /** Accepts one client and starts its thread, or drops it. */
  private void acceptOne() throws IOException {
    SocketChannel channel = server.accept();
    if (!handshakes.tryAcquire()) {
      closeQuietly(channel);
      return;
    }
    try {
      threads.newThread(new Connection(channel)).start();
    } catch (RuntimeException | Error e) {
      handshakes.release();
      closeQuietly(channel);
      throw e;
    }
  }

  /** Authenticates one client, then hands its link to the handler on this same thread. */
  private void serve(SocketChannel channel) {
    Link link = null;
    WireInput hello = null;
    try {
      if (PeerCredentials.peer(channel).equals(owner)) {
        link = new Link(channel, Handshake.MAX_OFFER_FRAME);
        hello = Handshake.accept(link, keys, handshakeTimeoutNanos);
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

  private static void pause(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      // Nobody interrupts this thread but to end it, and close() does that.
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

  /** Daemon threads, numbered. */
  private static final class Daemons implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    Daemons(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}

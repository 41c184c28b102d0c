package dev.subprocess.internal.channel;

import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A framed, authenticated connection to another JVM over a Unix domain socket, made by {@link
 * #connect} on one side and handed to a {@link Listener.Handler} on the other. Each frame is an
 * {@code int} length (big-endian) and that many bytes, read back whole as a {@link WireInput}.
 *
 * <pre>{@code
 * Link link = Link.connect(address, hello);       // authenticated, or an IOException
 * link.send(frame);                               // any thread
 * while (true) {
 *   WireInput in = link.receive();                // one thread at a time; EOFException at the end
 *   ...
 * }
 * }</pre>
 *
 * <p>Threads: {@link #send} is safe for use by several threads, each frame going out whole;
 * {@link #receive} and {@link #hasBufferedFrame} are for one thread at a time; {@link #close} may
 * be called from any thread and wakes a thread that waits in either.
 *
 * <p>Interrupts never break a link. The socket is in non-blocking mode and waits happen in a
 * selector, because a thread interrupted in a blocking channel operation closes the channel, and
 * with it the link for every thread that shares it. A {@code receive} that is interrupted while it
 * waits throws {@link InterruptedIOException} (and clears the interrupt status); what had arrived of
 * a frame is kept for the next call. A {@code send} is not interrupted: it finishes its frame and
 * leaves the interrupt status set.
 *
 * <p>Lifecycle: {@code OPEN -> CLOSED}, by {@link #close()} on either side, by the death of the
 * peer, or by a fault on the link (an oversized frame, a send cut short): then {@code receive}
 * throws {@link EOFException} once the frames that arrived before are read, and {@code send} an
 * {@link EOFException} (the peer is gone) or a {@link ClosedChannelException} (this side closed it).
 */
public final class Link implements AutoCloseable {
  /** The largest frame {@link #receive} accepts unless told otherwise: 256 MiB. */
  public static final int DEFAULT_MAX_FRAME_LENGTH = 256 * 1024 * 1024;

  /** How long either side of a handshake waits for the other. */
  static final long HANDSHAKE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private static final int BUFFER_SIZE = 64 * 1024;
  private static final int HEADER = 4;

  private final SocketChannel channel;
  private volatile boolean closed;
  private volatile int maxFrameLength;
  private volatile byte[] keyId = new byte[0];

  private final Object sendLock = new Object();
  /** Guarded by sendLock. Direct, so that a write copies nothing more. */
  private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
  /** Guarded by sendLock; opened the first time the socket's buffer is full. */
  private volatile Selector sendSelector;

  /** In read mode: the bytes between position and limit have arrived and are not yet taken. */
  private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
  /**
   * A frame larger than the buffer, being assembled; null when there is none. It grows with what
   * arrives, up to partialLength: a peer that announces a large frame and sends little of it
   * makes this side allocate little.
   */
  private byte[] partial;
  private int partialLength;
  private int partialFilled;
  /** Opened the first time receive has to wait. */
  private volatile Selector receiveSelector;

  Link(SocketChannel channel, int maxFrameLength) throws IOException {
    channel.configureBlocking(false);
    this.channel = channel;
    this.maxFrameLength = maxFrameLength;
    receiveBuffer.limit(0);
  }

  /**
   * Connects to a listener, checks that it runs as this process's OS user ({@code SO_PEERCRED}),
   * proves to it that this side knows the address's key and has it prove the same (see {@link
   * Handshake}), then sends {@code hello} (the listener's handler receives it with the link).
   *
   * @throws IOException if nothing listens at the address, the listener runs as another user or
   *     cannot prove it knows the key, refuses the link (an unknown or wrong key), or does not
   *     accept and answer within 10 seconds
   */
  public static Link connect(Address address, WireOutput hello) throws IOException {
    return connect(address, hello, HANDSHAKE_TIMEOUT_NANOS);
  }

  static Link connect(Address address, WireOutput hello, long timeoutNanos) throws IOException {
    long deadline = System.nanoTime() + timeoutNanos;
    SocketChannel channel = Connector.open(address, deadline);
    Link link = null;
    try {
      PeerCredentials.checkListener(channel, address);
      link = new Link(channel, Handshake.MAX_LISTENER_FRAME);
      Handshake.connect(link, address, hello, deadline - System.nanoTime());
      link.maxFrameLength(DEFAULT_MAX_FRAME_LENGTH);
      return link;
    } catch (IOException | RuntimeException | Error e) {
      if (link != null) {
        link.close();
      } else {
        channel.close();
      }
      throw e;
    }
  }

  /**
   * Sends one frame, whose body is what {@code frame} holds; returns once all of it is in the
   * kernel's buffers.
   *
   * @throws EOFException if the peer has closed the link or died
   * @throws ClosedChannelException if this side has closed the link
   */
  public void send(WireOutput frame) throws IOException {
    send(frame.array(), 0, frame.size());
  }

  /** Sends one frame whose body is {@code length} bytes of {@code body} from {@code offset}. */
  public void send(byte[] body, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, body.length);
    synchronized (sendLock) {
      boolean interrupted = false;
      try {
        ByteBuffer out = sendBuffer;
        out.clear();
        out.putInt(length);
        int copied = 0;
        while (true) {
          int n = Math.min(out.remaining(), length - copied);
          out.put(body, offset + copied, n);
          copied += n;
          out.flip();
          interrupted |= writeFully(out);
          if (copied == length) {
            return;
          }
          out.clear();
        }
      } catch (IOException | RuntimeException e) {
        // Part of a frame may have gone out: nothing sent after it could be read correctly.
        close();
        throw e;
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /**
   * Waits for the next frame and returns its body.
   *
   * @throws EOFException if the peer closed the link or died, once every frame it sent is read
   * @throws InterruptedIOException if this thread is interrupted while it waits
   * @throws IOException if the frame is larger than {@link #maxFrameLength()} (the link is then
   *     closed), or this side closed the link ({@link ClosedChannelException})
   */
  public WireInput receive() throws IOException {
    WireInput frame = receive(0, false);
    assert frame != null;
    return frame;
  }

  /**
   * Waits at most {@code timeout} for the next frame.
   *
   * @return the frame's body, or null if no whole frame arrived in time
   * @throws EOFException as {@link #receive()} does, and the other exceptions too
   */
  public WireInput receive(long timeout, TimeUnit unit) throws IOException {
    return receive(System.nanoTime() + unit.toNanos(timeout), true);
  }

  /** Whether a whole frame has arrived, so that {@link #receive()} returns without waiting. */
  public boolean hasBufferedFrame() {
    ByteBuffer in = receiveBuffer;
    if (partial != null) {
      return partialFilled + in.remaining() >= partialLength;
    }
    if (in.remaining() < HEADER) {
      return false;
    }
    int length = in.getInt(in.position());
    return length >= 0 && in.remaining() - HEADER >= length;
  }

  /** The largest frame that {@link #receive} accepts. */
  public int maxFrameLength() {
    return maxFrameLength;
  }

  /** Sets the largest frame that {@link #receive} accepts; a larger one closes the link. */
  public void maxFrameLength(int maxFrameLength) {
    if (maxFrameLength < 0) {
      throw new IllegalArgumentException("maxFrameLength is negative: " + maxFrameLength);
    }
    this.maxFrameLength = maxFrameLength;
  }

  /**
   * The id of the key that both sides proved they know (see {@link Address#keyId()}): what a
   * listener's handler goes by to know what the client may reach. A copy.
   */
  public byte[] keyId() {
    return keyId.clone();
  }

  /** Set once by the handshake, before the link is handed to anyone. */
  void keyId(byte[] keyId) {
    this.keyId = keyId.clone();
  }

  public boolean isOpen() {
    return !closed;
  }

  /** Closes the socket; the peer sees the end of the link. Idempotent; from any thread. */
  @Override
  public void close() {
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      // Closed anyway.
    }
    closeSelector(receiveSelector);
    closeSelector(sendSelector);
  }

  SocketChannel channel() {
    return channel;
  }

  private WireInput receive(long deadline, boolean timed) throws IOException {
    while (true) {
      WireInput frame = takeBufferedFrame();
      if (frame != null) {
        return frame;
      }
      if (!readSome(deadline, timed)) {
        return null;
      }
    }
  }

  /** The next whole frame from the buffer, or null if more bytes must arrive first. */
  private WireInput takeBufferedFrame() throws IOException {
    ByteBuffer in = receiveBuffer;
    if (partial != null) {
      int n = Math.min(partialLength - partialFilled, in.remaining());
      if (partialFilled + n > partial.length) {
        // Doubling, capped at the frame's length: the last growth makes the array exactly it.
        int capacity = (int) Math.min(partialLength, Math.max(partialFilled + n, 2L * partial.length));
        partial = Arrays.copyOf(partial, capacity);
      }
      in.get(partial, partialFilled, n);
      partialFilled += n;
      if (partialFilled < partialLength) {
        return null;
      }
      byte[] body = partial;
      partial = null;
      return new WireInput(body);
    }
    if (in.remaining() < HEADER) {
      return null;
    }
    int length = in.getInt(in.position());
    if (length < 0 || length > maxFrameLength) {
      close();
      throw new IOException(
          "received a frame of " + Integer.toUnsignedString(length) + " bytes, more than the "
              + maxFrameLength + " allowed: the link is closed");
    }
    if (in.remaining() - HEADER >= length) {
      in.position(in.position() + HEADER);
      byte[] body = new byte[length];
      in.get(body);
      return new WireInput(body);
    }
    if (HEADER + length > in.capacity()) {
      in.position(in.position() + HEADER);
      partialLength = length;
      partial = new byte[Math.min(length, 2 * BUFFER_SIZE)];
      partialFilled = in.remaining();
      in.get(partial, 0, partialFilled);
    }
    return null;
  }

  /** Reads what has arrived, waiting for something if nothing has; false when the time is up. */
  private boolean readSome(long deadline, boolean timed) throws IOException {
    ByteBuffer in = receiveBuffer;
    in.compact();
    try {
      while (true) {
        int n;
        try {
          n = channel.read(in);
        } catch (IOException e) {
          throw peerGone(e);
        }
        if (n > 0) {
          return true;
        }
        if (n < 0) {
          throw new EOFException(
              in.position() > 0 || partial != null
                  ? "the peer closed the link in the middle of a frame"
                  : "the peer closed the link");
        }
        if (!awaitReadable(deadline, timed)) {
          return false;
        }
      }
    } finally {
      in.flip();
    }
  }

  private boolean awaitReadable(long deadline, boolean timed) throws IOException {
    long millis = 0;
    if (timed) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999));
    }
    Selector selector = receiveSelector;
    if (selector == null) {
      selector = Selector.open();
      receiveSelector = selector;
      register(selector, SelectionKey.OP_READ);
    }
    if (Thread.interrupted()) {
      throw new InterruptedIOException("interrupted while waiting for a frame");
    }
    select(selector, millis);
    if (Thread.interrupted()) {
      throw new InterruptedIOException("interrupted while waiting for a frame");
    }
    return true;
  }

  /** Writes all of {@code out}; returns whether this thread was interrupted meanwhile. */
  private boolean writeFully(ByteBuffer out) throws IOException {
    boolean interrupted = false;
    while (out.hasRemaining()) {
      int n;
      try {
        n = channel.write(out);
      } catch (IOException e) {
        throw peerGone(e);
      }
      if (n == 0) {
        Selector selector = sendSelector;
        if (selector == null) {
          selector = Selector.open();
          sendSelector = selector;
          register(selector, SelectionKey.OP_WRITE);
        }
        // A pending interrupt would make every select return at once: keep it for the caller.
        interrupted |= Thread.interrupted();
        select(selector, 0);
      }
    }
    return interrupted;
  }

  private void register(Selector selector, int operation) throws IOException {
    try {
      channel.register(selector, operation);
    } catch (ClosedSelectorException e) {
      throw new AsynchronousCloseException();
    }
    // close() may have run before the field was set, and missed this selector.
    if (closed) {
      closeSelector(selector);
      throw new AsynchronousCloseException();
    }
  }

  private void select(Selector selector, long millis) throws IOException {
    try {
      selector.select(millis);
      selector.selectedKeys().clear();
    } catch (ClosedSelectorException e) {
      throw new AsynchronousCloseException();
    }
    if (closed) {
      throw new AsynchronousCloseException();
    }
  }

  private IOException peerGone(IOException e) {
    if (e instanceof ClosedChannelException) {
      return e;
    }
    // EPIPE, ECONNRESET: the peer closed its end or died.
    EOFException eof = new EOFException("the peer closed the link (" + e.getMessage() + ")");
    eof.initCause(e);
    return eof;
  }

  private static void closeSelector(Selector selector) {
    if (selector != null) {
      try {
        selector.close();
      } catch (IOException e) {
        // Nothing left to release.
      }
    }
  }
}

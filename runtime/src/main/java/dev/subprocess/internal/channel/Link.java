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
import java.util.ArrayDeque;
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
 * be called from any thread and wakes a thread that waits in either. {@link #stallTimeout} and
 * {@link #sendWithoutWaiting} are set before the link is shared.
 *
 * <p>A peer that stops reading, or stops halfway through a frame, holds this side for at most the
 * {@linkplain #stallTimeout stall timeout} (none unless set): a send of which the peer has taken
 * nothing for that long, or a frame of which nothing more has arrived for that long, closes the
 * link with an {@link IOException} that says so. A link that {@linkplain #sendWithoutWaiting sends
 * without waiting} never makes the sending thread wait for the peer at all: what the socket does
 * not take is queued, in order, and written by this JVM's one {@code Flusher} thread as the peer
 * reads, and the stall timeout applies to that queue.
 *
 * <p>The fast path of a send (the socket takes the whole frame, nothing is queued) allocates
 * nothing and makes one {@code write} per 64 KiB of frame, whether a stall timeout is set or not;
 * only a send that finds the socket full, or a receive that has to wait, reads the clock.
 *
 * <p>Interrupts never break a link. The socket is in non-blocking mode and waits happen in a
 * selector, because a thread interrupted in a blocking channel operation closes the channel, and
 * with it the link for every thread that shares it. A {@code receive} that is interrupted while it
 * waits throws {@link InterruptedIOException} (and clears the interrupt status); what had arrived of
 * a frame is kept for the next call. A {@code send} is not interrupted: it finishes its frame and
 * leaves the interrupt status set.
 *
 * <p>Lifecycle: {@code OPEN -> CLOSED}, by {@link #close()} on either side, by the death of the
 * peer, or by a fault on the link (an oversized frame, a send cut short, a stall): then {@code
 * receive} throws {@link EOFException} once the frames that arrived before are read, and {@code
 * send} an {@link EOFException} (the peer is gone), a {@link ClosedChannelException} (this side
 * closed it) or an {@link IOException} that names the fault. A link closed by this side while
 * frames sent without waiting are still queued keeps its socket until the flusher has written them
 * (or the peer stalls), so that the peer reads them and then the end, as it would have had the
 * sends waited.
 */
public final class Link implements AutoCloseable {
  /** The largest frame {@link #receive} accepts unless told otherwise: 256 MiB. */
  public static final int DEFAULT_MAX_FRAME_LENGTH = 256 * 1024 * 1024;

  /** How long either side of a handshake waits for the other. */
  static final long HANDSHAKE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

  /**
   * How many bytes sends that do not wait may queue behind the frame being written before the
   * link is closed: 16 MiB. The frame being written may be of any size, so that a peer that reads
   * one large frame slowly is never cut; what queues behind it is a protocol's small frames
   * (doorbells, grants), of which an honest peer lets few pile up.
   */
  static final long MAX_BACKLOG = 16 * 1024 * 1024;

  private static final int BUFFER_SIZE = 64 * 1024;
  private static final int HEADER = 4;

  private final SocketChannel channel;
  private volatile boolean closed;
  private volatile int maxFrameLength;
  private volatile byte[] keyId = new byte[0];
  /** No progress for this long, either way, closes the link; 0 for no limit. */
  private volatile long stallNanos;
  /** False once {@link #sendWithoutWaiting()} is called. */
  private volatile boolean sendsWait = true;

  private final Object faultLock = new Object();
  /** Why a fault closed the link, thrown by every later call; null if none did. */
  private volatile String fault;
  /** Whether the fault is the peer's end, thrown as an {@link EOFException}. */
  private volatile boolean faultIsEnd;

  private final Object sendLock = new Object();
  /** Guarded by sendLock. Direct, so that a write copies nothing more. */
  private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
  /** Guarded by sendLock; opened the first time the socket's buffer is full. */
  private volatile Selector sendSelector;
  /**
   * Guarded by sendLock: what sends that did not wait left unsent, whole frames in order, the
   * first perhaps partly written; null until a send first finds the socket full.
   */
  private ArrayDeque<ByteBuffer> backlog;
  /** Guarded by sendLock: the bytes left in the backlog. */
  private long backlogBytes;
  /** Guarded by sendLock: when the peer last took bytes of the backlog, or it began. */
  private long backlogProgressAt;
  /** The flusher's key of this link, and when it must look at it again; its thread only. */
  SelectionKey flusherKey;
  long flusherDeadline;
  boolean flusherHasDeadline;

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
  /** The receiving thread's: when bytes last arrived, kept while there is a stall timeout. */
  private long receivedAt;

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
   * kernel's buffers or, on a link that {@linkplain #sendWithoutWaiting sends without waiting},
   * queued behind what is.
   *
   * @throws EOFException if the peer has closed the link or died
   * @throws ClosedChannelException if this side has closed the link
   */
  public void send(WireOutput frame) throws IOException {
    send(frame.array(), 0, frame.size());
  }

  /**
   * Sends one frame whose body is {@code length} bytes of {@code body} from {@code offset}; the
   * caller may reuse {@code body} once this returns.
   *
   * @throws IOException as {@link #send(WireOutput)}, and if the peer has read nothing for the
   *     stall timeout, or let more than {@link #MAX_BACKLOG} bytes pile up (the link is closed)
   */
  public void send(byte[] body, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, body.length);
    synchronized (sendLock) {
      if (closed) {
        throw closedException(false);
      }
      if (!sendsWait) {
        sendWithoutWaiting(body, offset, length);
        return;
      }
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
        abort();
        throw e;
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /**
   * Sends one frame as {@link #send(WireOutput)} does on a link whose sends wait, even on one that
   * {@linkplain #sendWithoutWaiting sends without waiting}: first what is queued, then the frame,
   * waiting (up to the stall timeout while the peer takes nothing) until the socket has taken all
   * of it. For a sender that owns the wait, such as one that streams a value too large for one
   * frame in parts, which would otherwise pile up past {@link #MAX_BACKLOG}.
   */
  public void sendWaiting(WireOutput frame) throws IOException {
    synchronized (sendLock) {
      if (closed) {
        throw closedException(false);
      }
      boolean interrupted = false;
      boolean sendsWaited = sendsWait;
      try {
        while (backlogBytes > 0) {
          ByteBuffer head = backlog.peekFirst();
          int before = head.remaining();
          interrupted |= writeFully(head);
          backlogBytes -= before;
          backlog.pollFirst();
        }
        sendsWait = true;
        send(frame);
      } catch (IOException | RuntimeException e) {
        abort();
        throw e;
      } finally {
        sendsWait = sendsWaited;
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** Under sendLock: writes what the socket takes now, and queues the rest. */
  private void sendWithoutWaiting(byte[] body, int offset, int length) throws IOException {
    try {
      if (backlogBytes > 0) {
        queue(body, offset, length);
        return;
      }
      ByteBuffer out = sendBuffer;
      out.clear();
      out.putInt(length);
      int copied = 0;
      while (true) {
        int n = Math.min(out.remaining(), length - copied);
        out.put(body, offset + copied, n);
        copied += n;
        out.flip();
        writeWhatFits(out);
        if (out.hasRemaining()) {
          startBacklog(out, body, offset + copied, length - copied);
          return;
        }
        if (copied == length) {
          return;
        }
        out.clear();
      }
    } catch (IOException | RuntimeException | Error e) {
      abort();
      throw e;
    }
  }

  /** Under sendLock: writes until the socket is full or {@code out} is empty. */
  private void writeWhatFits(ByteBuffer out) throws IOException {
    try {
      while (out.hasRemaining() && channel.write(out) > 0) {
        // Until the socket takes no more.
      }
    } catch (IOException e) {
      throw peerGone(e);
    }
  }

  /** Under sendLock: the socket is full; what is left of the frame waits for the flusher. */
  private void startBacklog(ByteBuffer out, byte[] body, int offset, int length)
      throws IOException {
    byte[] rest = new byte[out.remaining() + length];
    int head = out.remaining();
    out.get(rest, 0, head);
    System.arraycopy(body, offset, rest, head, length);
    if (backlog == null) {
      backlog = new ArrayDeque<>();
    }
    backlog.add(ByteBuffer.wrap(rest));
    backlogBytes = rest.length;
    backlogProgressAt = System.nanoTime();
    Flusher.watch(this);
  }

  /** Under sendLock: a frame behind the backlog, copied whole. */
  private void queue(byte[] body, int offset, int length) throws IOException {
    long behind = backlogBytes - backlog.peekFirst().remaining();
    if (behind + HEADER + length > MAX_BACKLOG && behind > 0) {
      throw fail(
          "the peer has left more than " + (MAX_BACKLOG >> 20) + " MiB unread: the link is closed",
          false);
    }
    byte[] frame = new byte[HEADER + length];
    frame[0] = (byte) (length >>> 24);
    frame[1] = (byte) (length >>> 16);
    frame[2] = (byte) (length >>> 8);
    frame[3] = (byte) length;
    System.arraycopy(body, offset, frame, HEADER, length);
    backlog.add(ByteBuffer.wrap(frame));
    backlogBytes += frame.length;
  }

  /**
   * The flusher's turn at this link: writes what the socket takes of the backlog if {@code
   * writable}, closes a link whose peer has stalled, and the socket of one closed by this side
   * once its backlog is out. Sets {@link #flusherDeadline} when the stall timeout runs.
   *
   * @return whether a backlog is left to write
   */
  boolean flush(long now, boolean writable) {
    synchronized (sendLock) {
      if (backlogBytes > 0 && writable) {
        try {
          writeBacklog(now);
        } catch (IOException e) {
          if (closed) {
            // Aborted meanwhile, for a fault of its own.
            abort();
          } else {
            fail("the peer closed the link (" + e.getMessage() + ")", true);
          }
          return false;
        }
      }
      if (backlogBytes == 0) {
        if (closed) {
          closeChannel();
        }
        return false;
      }
      long stall = stallNanos;
      flusherHasDeadline = stall != 0;
      if (stall != 0) {
        flusherDeadline = backlogProgressAt + stall;
        if (now - flusherDeadline >= 0) {
          fail("the peer has read nothing for " + describe(stall) + ": the link is closed", false);
          return false;
        }
      }
      return true;
    }
  }

  /** Under sendLock: what the socket takes of the backlog, through the direct buffer. */
  private void writeBacklog(long now) throws IOException {
    ByteBuffer out = sendBuffer;
    while (backlogBytes > 0) {
      ByteBuffer head = backlog.peekFirst();
      out.clear();
      int n = Math.min(out.capacity(), head.remaining());
      out.put(head.array(), head.arrayOffset() + head.position(), n);
      out.flip();
      int written = channel.write(out);
      if (written > 0) {
        head.position(head.position() + written);
        backlogBytes -= written;
        backlogProgressAt = now;
      }
      if (!head.hasRemaining()) {
        backlog.pollFirst();
      }
      if (written < n) {
        return;
      }
    }
  }

  /** The bytes sent without waiting that the socket has not taken yet. */
  int unsentBytes() {
    synchronized (sendLock) {
      return (int) backlogBytes;
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

  /**
   * Sets how long the peer may make no progress before the link is closed: a send of which it
   * takes nothing for that long, or a frame of which nothing more arrives for that long once part
   * of it has, fails with an {@link IOException} that says so ("the peer has read nothing for 30
   * s"), as do the calls after it. A peer that takes or sends anything at all in time is never
   * cut, however slow; one that is idle (nothing to read, no frame begun) neither. 0, the
   * default, for no limit. Set it before the link is shared.
   */
  public void stallTimeout(long timeout, TimeUnit unit) {
    long nanos = unit.toNanos(timeout);
    if (nanos < 0) {
      throw new IllegalArgumentException("a stall timeout is not negative: " + timeout);
    }
    receivedAt = System.nanoTime();
    stallNanos = nanos;
  }

  /**
   * From now on {@link #send} never waits for the peer: what the socket does not take is queued,
   * in order, and written by this JVM's flusher thread as the peer reads. The peer may leave
   * queued one frame of any size and {@link #MAX_BACKLOG} bytes behind it, and take nothing of
   * them for the {@linkplain #stallTimeout stall timeout}, after which the link is closed. For a
   * link whose sends are made by threads that serve others too. Set it before the link is shared.
   */
  public void sendWithoutWaiting() {
    sendsWait = false;
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

  /**
   * Closes the link; the peer sees its end after what was sent before (frames sent without
   * waiting and still queued are written first, by the flusher). Idempotent; from any thread.
   */
  @Override
  public void close() {
    closed = true;
    closeSelector(receiveSelector);
    closeSelector(sendSelector);
    if (!sendsWait) {
      synchronized (sendLock) {
        if (backlogBytes > 0) {
          // The flusher closes the socket once the backlog is out, or the peer has stalled.
          return;
        }
      }
    }
    closeChannel();
  }

  /**
   * Records {@code why} as the link's fault, unless it has one already, closes the link at once
   * (anything queued is dropped), and returns the exception to throw.
   */
  private IOException fail(String why, boolean end) {
    synchronized (faultLock) {
      if (fault == null) {
        faultIsEnd = end;
        fault = why;
      }
    }
    abort();
    return end ? new EOFException(why) : new IOException(why);
  }

  /** Closes the link at once: the socket too, whatever is queued. */
  private void abort() {
    closed = true;
    closeChannel();
    closeSelector(receiveSelector);
    closeSelector(sendSelector);
    if (!sendsWait) {
      synchronized (sendLock) {
        backlog = null;
        backlogBytes = 0;
      }
    }
  }

  private void closeChannel() {
    try {
      channel.close();
    } catch (IOException e) {
      // Closed anyway.
    }
  }

  /** What a call on a closed link throws: its fault, or that this side closed it. */
  private IOException closedException(boolean asynchronous) {
    String why = fault;
    if (why != null) {
      return faultIsEnd ? new EOFException(why) : new IOException(why);
    }
    return asynchronous ? new AsynchronousCloseException() : new ClosedChannelException();
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
      abort();
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
        if (closed) {
          // Its socket may stay open a while for the flusher, but this side reads no more.
          throw closedException(false);
        }
        int n;
        try {
          n = channel.read(in);
        } catch (IOException e) {
          throw peerGone(e);
        }
        if (n > 0) {
          if (stallNanos != 0) {
            receivedAt = System.nanoTime();
          }
          return true;
        }
        if (n < 0) {
          throw new EOFException(
              in.position() > 0 || partial != null
                  ? "the peer closed the link in the middle of a frame"
                  : "the peer closed the link");
        }
        if (!awaitReadable(deadline, timed, in.position() > 0 || partial != null)) {
          return false;
        }
      }
    } finally {
      in.flip();
    }
  }

  /**
   * Waits for bytes until the deadline if {@code timed}; false if it has passed. A frame begun
   * ({@code midFrame}) of which nothing more arrives for the stall timeout closes the link.
   */
  private boolean awaitReadable(long deadline, boolean timed, boolean midFrame)
      throws IOException {
    long stall = stallNanos;
    boolean frameLimited = midFrame && stall != 0;
    long now = timed || frameLimited ? System.nanoTime() : 0;
    long wait = Long.MAX_VALUE;
    if (frameLimited) {
      wait = receivedAt + stall - now;
      if (wait <= 0) {
        throw fail(
            "the peer sent part of a frame, then nothing for " + describe(stall)
                + ": the link is closed",
            false);
      }
    }
    if (timed) {
      long left = deadline - now;
      if (left <= 0) {
        return false;
      }
      wait = Math.min(wait, left);
    }
    long millis = wait == Long.MAX_VALUE ? 0 : millisAtLeast(wait);
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

  /**
   * Writes all of {@code out}, waiting for room; returns whether this thread was interrupted
   * meanwhile.
   *
   * @throws IOException if the peer takes nothing of it for the stall timeout (the link is then
   *     closed), or has gone
   */
  private boolean writeFully(ByteBuffer out) throws IOException {
    boolean interrupted = false;
    boolean stalled = false;
    long stalledSince = 0;
    while (out.hasRemaining()) {
      int n;
      try {
        n = channel.write(out);
      } catch (IOException e) {
        throw peerGone(e);
      }
      if (n > 0) {
        stalled = false;
      } else {
        long millis = 0;
        long stall = stallNanos;
        if (stall != 0) {
          long now = System.nanoTime();
          if (!stalled) {
            stalled = true;
            stalledSince = now;
          }
          long left = stalledSince + stall - now;
          if (left <= 0) {
            throw fail(
                "the peer has read nothing for " + describe(stall) + ": the link is closed",
                false);
          }
          millis = millisAtLeast(left);
        }
        Selector selector = sendSelector;
        if (selector == null) {
          selector = Selector.open();
          sendSelector = selector;
          register(selector, SelectionKey.OP_WRITE);
        }
        // A pending interrupt would make every select return at once: keep it for the caller.
        interrupted |= Thread.interrupted();
        select(selector, millis);
      }
    }
    return interrupted;
  }

  private void register(Selector selector, int operation) throws IOException {
    try {
      channel.register(selector, operation);
    } catch (ClosedSelectorException e) {
      throw closedException(true);
    }
    // close() may have run before the field was set, and missed this selector.
    if (closed) {
      closeSelector(selector);
      throw closedException(true);
    }
  }

  private void select(Selector selector, long millis) throws IOException {
    try {
      selector.select(millis);
      selector.selectedKeys().clear();
    } catch (ClosedSelectorException e) {
      throw closedException(true);
    }
    if (closed) {
      throw closedException(true);
    }
  }

  /** {@code nanos} in milliseconds, rounded up, at least 1: a select's timeout (0 is none). */
  static long millisAtLeast(long nanos) {
    long capped = Math.min(nanos, Long.MAX_VALUE - 999_999);
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(capped + 999_999));
  }

  /** A stall timeout as a message says it: "30 s", or "500 ms" below a whole second. */
  private static String describe(long nanos) {
    return nanos % 1_000_000_000L == 0
        ? nanos / 1_000_000_000L + " s"
        : TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
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

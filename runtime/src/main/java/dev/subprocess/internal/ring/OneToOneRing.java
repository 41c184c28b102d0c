package dev.subprocess.internal.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A ring of messages in memory that two processes share: one process writes, one reads. A put
 * into a ring is durable the moment it is published: the bytes are in memory the kernel keeps for
 * the other mapping, so a writer that dies the next instant loses nothing it published.
 *
 * <p>Layout, from the ring's first byte; each counter has a 64-byte line of its own, so that the
 * writer and the reader do not invalidate each other's cache lines:
 *
 * <table>
 *   <caption>Header</caption>
 *   <tr><th>offset</th><th>field</th><th>written by</th></tr>
 *   <tr><td>0</td><td>long tail: bytes published</td><td>writer</td></tr>
 *   <tr><td>64</td><td>long head: bytes consumed</td><td>reader</td></tr>
 *   <tr><td>128</td><td>int readerParked: 1 while the reader waits for a doorbell</td>
 *       <td>reader sets, writer clears</td></tr>
 *   <tr><td>192</td><td>int writerParked: 1 while the writer waits for room</td>
 *       <td>writer sets, reader clears</td></tr>
 *   <tr><td>256</td><td>long messages: messages published</td><td>writer</td></tr>
 *   <tr><td>320</td><td>int writerClosed: why, 0 while open</td>
 *       <td>writer, or whoever saw it die</td></tr>
 *   <tr><td>384</td><td>int readerClosed</td><td>reader, or whoever saw it die</td></tr>
 *   <tr><td>512</td><td>{@code capacity} bytes of records</td><td>writer</td></tr>
 * </table>
 *
 * <p>A record is an {@code int} header, the fragment's length with bit 31 set when more fragments
 * of the same message follow, and the fragment, padded to 4 bytes so that a header never wraps. A
 * message longer than a quarter of the ring travels as several fragments, each published as it is
 * written, so that a message of any size passes while the reader consumes.
 *
 * <p>Doorbells: a side that is about to block sets its parked flag, then looks once more (the
 * flags and counters are accessed with volatile semantics, so one of the two sides always sees the
 * other's write); the other side, after publishing, clears a set flag with a compare-and-set and,
 * if it won, rings: this costs a system call only when the other side really sleeps.
 *
 * <p>This class is the layout and the non-blocking steps; {@link RingWriter} and {@link
 * RingReader} add the waiting. Each side's counters are cached here: one instance per side, used
 * by one thread at a time.
 */
public final class OneToOneRing {
  /** Bytes before the records. */
  public static final int HEADER_BYTES = 512;

  /** Where the writer's position is: the bytes it has published, ever. */
  public static final int TAIL_OFFSET = 0;

  /** Where the reader's position is: the bytes it has consumed, ever. */
  public static final int HEAD_OFFSET = 64;

  private static final int TAIL = TAIL_OFFSET;
  private static final int HEAD = HEAD_OFFSET;
  private static final int READER_PARKED = 128;
  private static final int WRITER_PARKED = 192;
  private static final int MESSAGES = 256;
  private static final int WRITER_CLOSED = 320;
  private static final int READER_CLOSED = 384;

  /** The longest message a reader can assemble: the longest array a JVM allocates. */
  public static final int MAX_MESSAGE = Integer.MAX_VALUE - 8;

  private static final int MORE = 0x8000_0000;
  private static final int RECORD_HEADER = 4;

  private static final VarHandle LONG =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
  private static final VarHandle INT =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

  private final ByteBuffer memory;
  private final int capacity;
  private final int mask;
  private final int maxFragment;

  // The writer's side.
  private long tail;
  private long headSeen;
  private long messages;

  // The reader's side.
  private long head;
  private long tailSeen;
  private byte[] partial;
  private int partialLength;

  private OneToOneRing(ByteBuffer memory, int capacity) {
    this.memory = memory;
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.maxFragment = capacity / 4 - RECORD_HEADER;
    this.tail = (long) LONG.getVolatile(memory, TAIL);
    this.messages = (long) LONG.getVolatile(memory, MESSAGES);
    this.head = (long) LONG.getVolatile(memory, HEAD);
    this.headSeen = head;
    this.tailSeen = tail;
  }

  /** The bytes a ring of {@code capacity} takes in a file. */
  public static int bytesFor(int capacity) {
    return HEADER_BYTES + capacity;
  }

  /**
   * A view of the ring at {@code offset} of {@code shared} (a mapped file), taking up the state
   * it is in: a process that takes over a side continues where the last one stopped.
   *
   * @param capacity a power of two, at least 1 KiB
   */
  public static OneToOneRing at(ByteBuffer shared, int offset, int capacity) {
    if (Integer.bitCount(capacity) != 1 || capacity < 1024) {
      throw new IllegalArgumentException("capacity must be a power of two ≥ 1024: " + capacity);
    }
    return new OneToOneRing(shared.slice(offset, bytesFor(capacity)), capacity);
  }

  public int capacity() {
    return capacity;
  }

  // ---- Writer ------------------------------------------------------------------------------

  /**
   * Appends one fragment if there is room for it, and publishes it.
   *
   * @param length at most {@link #maxFragment()}
   * @param last whether it ends its message
   * @return false, with nothing written, if the ring lacks room
   */
  boolean offerFragment(byte[] source, int offset, int length, boolean last) {
    int size = recordSize(length);
    if (tail + size - headSeen > capacity && tail + size - readHead() > capacity) {
      return false;
    }
    int at = (int) (tail & mask);
    memory.putInt(HEADER_BYTES + at, last ? length : length | MORE);
    copyIn(at + RECORD_HEADER, source, offset, length);
    tail += size;
    if (last) {
      messages++;
      LONG.setRelease(memory, MESSAGES, messages);
    }
    // Volatile, not release: the reader's parked flag is read next, and that load must not pass
    // this store (the doorbell's Dekker pattern).
    LONG.setVolatile(memory, TAIL, tail);
    return true;
  }

  /** The longest fragment: a quarter of the ring, less its header. */
  int maxFragment() {
    return maxFragment;
  }

  /** Whether the ring can take a fragment of {@code length} bytes now. */
  boolean hasRoomFor(int length) {
    return tail + recordSize(length) - readHead() <= capacity;
  }

  /** Whether the reader has consumed everything published. */
  boolean isConsumed() {
    return readHead() == tail;
  }

  /**
   * The reader's position, checked: it only moves forward, never past what is published, and never
   * more than the capacity behind it. A
   * reader that moves it back (another process that rewinds it) would otherwise make this writer
   * wait forever for room.
   *
   * @throws CorruptRingException if it moved back or past the tail
   */
  private long readHead() {
    long h = (long) LONG.getVolatile(memory, HEAD);
    if (h < headSeen || h > tail || tail - h > capacity) {
      throw new CorruptRingException(
          "the reader's position went from " + headSeen + " to " + h + ", with " + tail
              + " published");
    }
    headSeen = h;
    return h;
  }

  /** The writer is about to wait for room. */
  void setWriterParked() {
    INT.setVolatile(memory, WRITER_PARKED, 1);
  }

  /** Clears the writer's parked flag; true if it was set (and no one else cleared it first). */
  boolean clearWriterParked() {
    return INT.compareAndSet(memory, WRITER_PARKED, 1, 0);
  }

  /** Called by the reader after it consumed: true if it must ring the writer's doorbell. */
  boolean takeWriterParked() {
    return (int) INT.getVolatile(memory, WRITER_PARKED) != 0 && clearWriterParked();
  }

  // ---- Reader ------------------------------------------------------------------------------

  /**
   * Takes the next whole message, consuming the fragments that have arrived; a message whose
   * fragments have not all arrived stays partly read, here, until the next call.
   *
   * @return the message, or null if no whole message is there yet
   * @throws CorruptRingException if the bytes are not records
   */
  byte[] poll() {
    if (head == tailSeen && head == readTail()) {
      return null;
    }
    byte[] message = null;
    while (head != tailSeen) {
      int at = (int) (head & mask);
      int header = memory.getInt(HEADER_BYTES + at);
      int length = header & ~MORE;
      int size = recordSize(length);
      if (length > maxFragment || tailSeen - head < size || tailSeen - head > capacity) {
        throw new CorruptRingException(
            "a record of " + length + " bytes at " + head + " with " + (tailSeen - head)
                + " published");
      }
      boolean last = (header & MORE) == 0;
      if (last && partial == null) {
        message = new byte[length];
        copyOut(at + RECORD_HEADER, message, 0, length);
      } else {
        append(at + RECORD_HEADER, length);
        if (last) {
          message =
              partial.length == partialLength ? partial : Arrays.copyOf(partial, partialLength);
          partial = null;
          partialLength = 0;
        }
      }
      head += size;
      if (message != null) {
        break;
      }
      if (head == tailSeen) {
        readTail();
      }
    }
    // Volatile: the writer's parked flag is read next (see offerFragment).
    LONG.setVolatile(memory, HEAD, head);
    return message;
  }

  /** Whether a message is partly read: its other fragments must follow. */
  boolean hasPartial() {
    return partial != null;
  }

  /** Whether nothing is published beyond what this reader has consumed. */
  boolean isEmpty() {
    return head == readTail();
  }

  /**
   * The writer's position, checked: it only moves forward, and never more than the ring's
   * capacity ahead of what this reader consumed.
   *
   * @throws CorruptRingException if it moved back or too far
   */
  private long readTail() {
    long t = (long) LONG.getVolatile(memory, TAIL);
    if (t < tailSeen || t - head > capacity) {
      throw new CorruptRingException(
          "the writer's position went from " + tailSeen + " to " + t + ", with " + head
              + " consumed");
    }
    tailSeen = t;
    return t;
  }

  /** The position up to which this reader has consumed. */
  public long consumed() {
    return head;
  }

  /**
   * The writer's position, checked (see {@link #poll()}).
   *
   * @throws CorruptRingException if it is not one a writer could have
   */
  public long published() {
    return readTail();
  }

  /** The reader is about to wait for a doorbell. */
  void setReaderParked() {
    INT.setVolatile(memory, READER_PARKED, 1);
  }

  /** Clears the reader's parked flag; true if it was set (and no one else cleared it first). */
  boolean clearReaderParked() {
    return INT.compareAndSet(memory, READER_PARKED, 1, 0);
  }

  /** Called by the writer after it published: true if it must ring the reader's doorbell. */
  boolean takeReaderParked() {
    return (int) INT.getVolatile(memory, READER_PARKED) != 0 && clearReaderParked();
  }

  // ---- Either side -------------------------------------------------------------------------

  /** Messages published so far, as the writer last said; for an approximate size. */
  public long messagesPublished() {
    return (long) LONG.getAcquire(memory, MESSAGES);
  }

  /**
   * Marks that no more messages will be written, for a reason the reader can tell: a code other
   * than 0; the first one stays.
   */
  public void closeWriter(int reason) {
    INT.compareAndSet(memory, WRITER_CLOSED, 0, reason);
  }

  public boolean isWriterClosed() {
    return writerClosedReason() != 0;
  }

  /** The code given to {@link #closeWriter}, or 0 while the writer is open. */
  public int writerClosedReason() {
    return (int) INT.getVolatile(memory, WRITER_CLOSED);
  }

  /** Marks that no more messages will be read: writers should stop. */
  public void closeReader() {
    INT.setVolatile(memory, READER_CLOSED, 1);
  }

  public boolean isReaderClosed() {
    return (int) INT.getVolatile(memory, READER_CLOSED) != 0;
  }

  private static int recordSize(int length) {
    return RECORD_HEADER + ((length + 3) & ~3);
  }

  /**
   * The size to grow a buffer of {@code current} bytes to, to hold {@code needed}: twice as large,
   * or {@link #MAX_MESSAGE} when twice would be more; -1 when {@code needed} is more than that.
   */
  static int grown(int current, long needed) {
    if (needed > MAX_MESSAGE) {
      return -1;
    }
    return (int) Math.min(MAX_MESSAGE, Math.max(2L * current, needed));
  }

  private void append(int at, int length) {
    if (partial == null) {
      partial = new byte[Math.max(length * 2, 64)];
    } else if (partial.length - partialLength < length) {
      int size = grown(partial.length, (long) partialLength + length);
      if (size < 0) {
        throw new CorruptRingException("a message longer than " + MAX_MESSAGE + " bytes");
      }
      partial = Arrays.copyOf(partial, size);
    }
    copyOut(at, partial, partialLength, length);
    partialLength += length;
  }

  /** Copies into the records at ring offset {@code at}, wrapping at the end. */
  private void copyIn(int at, byte[] source, int offset, int length) {
    int start = at & mask;
    int first = Math.min(length, capacity - start);
    memory.put(HEADER_BYTES + start, source, offset, first);
    if (first < length) {
      memory.put(HEADER_BYTES, source, offset + first, length - first);
    }
  }

  private void copyOut(int at, byte[] target, int offset, int length) {
    int start = at & mask;
    int first = Math.min(length, capacity - start);
    memory.get(HEADER_BYTES + start, target, offset, first);
    if (first < length) {
      memory.get(HEADER_BYTES, target, offset + first, length - first);
    }
  }
}

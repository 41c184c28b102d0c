package dev.subprocess.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads what a {@link WireOutput} wrote, from a range of a byte array. Every read checks its
 * bounds: bytes that end too early, a varint that is negative or longer than 5 bytes, a length
 * larger than what is left, or invalid UTF-8 throw {@link MalformedMessageException} with the
 * offset of the fault, counted from the start of the range. A declared length is checked against
 * the bytes that remain before anything is allocated for it.
 *
 * <p>Counts are also checked against the whole range: see {@link #readCount}. What a decoder
 * allocates ahead of reading the items it was told of is thus bounded by a small multiple of the
 * range's length, however the counts nest.
 *
 * <p>Not thread-safe. The array is not copied: it must not change while it is read.
 */
public final class WireInput {
  private final byte[] buffer;
  private final int start;
  private final int limit;
  private int position;
  /** The handles read so far, and their types, pairwise: given up if the message fails. */
  private Object[] handlesRead;
  private int handlesReadLength;
  /** Bytes of the range not yet reserved by {@link #readCount}. */
  private long unreserved;

  public WireInput(byte[] buffer) {
    this(buffer, 0, buffer.length);
  }

  public WireInput(byte[] buffer, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    this.buffer = buffer;
    this.start = offset;
    this.limit = offset + length;
    this.position = offset;
    this.unreserved = length;
  }

  /** The number of bytes read so far. */
  public int position() {
    return position - start;
  }

  /** The number of bytes left to read. */
  public int remaining() {
    return limit - position;
  }

  /** Throws unless every byte has been read: a message ends where its value ends. */
  public void expectEnd() {
    if (position != limit) {
      throw new MalformedMessageException(
          remaining() + " unexpected bytes after the end of the message", position());
    }
  }

  public byte readByte() {
    if (position == limit) {
      throw truncated(1, position());
    }
    return buffer[position++];
  }

  /** 1 is true, 0 is false, anything else is malformed. */
  public boolean readBoolean() {
    byte b = readByte();
    if ((b & 0xFE) != 0) {
      throw new MalformedMessageException("a boolean must be 0 or 1, not " + b, position() - 1);
    }
    return b != 0;
  }

  public short readShort() {
    int p = take(2);
    return (short) ((buffer[p] << 8) | (buffer[p + 1] & 0xFF));
  }

  public char readChar() {
    return (char) readShort();
  }

  public int readInt() {
    return getInt(buffer, take(4));
  }

  public long readLong() {
    return getLong(buffer, take(8));
  }

  public float readFloat() {
    return Float.intBitsToFloat(readInt());
  }

  public double readDouble() {
    return Double.longBitsToDouble(readLong());
  }

  /** An unsigned LEB128 varint of at most 5 bytes whose value is between 0 and 2^31 - 1. */
  public int readVarInt() {
    int at = position;
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (position == limit) {
        throw new MalformedMessageException("truncated varint", at - start);
      }
      byte b = buffer[position++];
      value |= (b & 0x7F) << shift;
      if (b >= 0) {
        // The fifth byte holds bits 28 to 34: anything above bit 30 is a negative int.
        if (shift == 28 && b > 7) {
          break;
        }
        return value;
      }
    }
    throw new MalformedMessageException("varint is negative or larger than 2^31 - 1", at - start);
  }

  /**
   * A varint count of items that take at least {@code minBytesEach} (1 or more) bytes each. Use
   * it before allocating for them. It is malformed when the bytes that remain cannot hold that
   * many, and when the counts read from this input so far reserve more than its length.
   *
   * <p>Each count reserves {@code count * minBytesEach} bytes of the range. A well-formed message
   * never reserves more than its length, provided that {@code minBytesEach} counts only the bytes
   * each item has <em>of its own</em>, which no other counted item also claims: a list's elements
   * own their tag bytes, not the elements nested in them, which their own count reserves. A forged
   * message that nests containers each declaring "all the rest" is refused at the second one,
   * instead of making its decoder allocate the rest a thousand times.
   */
  public int readCount(int minBytesEach) {
    if (minBytesEach < 1) {
      throw new IllegalArgumentException("minBytesEach must be at least 1: " + minBytesEach);
    }
    int at = position();
    int count = readVarInt();
    long bytes = (long) count * minBytesEach;
    if (bytes > remaining()) {
      throw new MalformedMessageException(
          "declared count " + count + " does not fit in the " + remaining() + " bytes that remain",
          at);
    }
    if (bytes > unreserved) {
      throw new MalformedMessageException(
          "declared count " + count + " is more than the message can hold: its counts add up to"
              + " more items than its " + (limit - start) + " bytes",
          at);
    }
    unreserved -= bytes;
    return count;
  }

  /**
   * A varint byte length, then that many bytes of well-formed UTF-8, or of WTF-8: UTF-8 in which a
   * surrogate that is not part of a pair is written as a code point of its own (3 bytes, {@code
   * ED A0 80} to {@code ED BF BF}), which is how {@link WireOutput#writeString} keeps every Java
   * string exactly. A pair written as two such surrogates is malformed: it has one encoding only.
   */
  public String readString() {
    int at = position();
    int length = readVarInt();
    int p = take(length, at);
    if (checkUtf8(p, p + length)) {
      return new String(buffer, p, length, StandardCharsets.UTF_8);
    }
    return Wtf8.decode(buffer, p, p + length);
  }

  /** A varint length, then that many bytes. */
  public byte[] readBytes() {
    int at = position();
    int length = readVarInt();
    int p = take(length, at);
    return Arrays.copyOfRange(buffer, p, p + length);
  }

  /** Exactly {@code length} bytes, with no length before them. */
  public void readRaw(byte[] destination, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, destination.length);
    System.arraycopy(buffer, take(length), destination, offset, length);
  }

  /**
   * Skips {@code bytes} bytes and returns where they start in {@link #array()}: the caller decodes
   * them in place. For bulk arrays.
   */
  int take(int bytes) {
    return take(bytes, position());
  }

  /** The backing array, for {@link #take(int)}. */
  byte[] array() {
    return buffer;
  }

  static int getInt(byte[] b, int p) {
    return (b[p] << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
  }

  static long getLong(byte[] b, int p) {
    return ((long) getInt(b, p) << 32) | (getInt(b, p + 4) & 0xFFFFFFFFL);
  }

  private int take(int bytes, int at) {
    if (bytes > limit - position) {
      throw truncated(bytes, at);
    }
    int p = position;
    position = p + bytes;
    return p;
  }

  private MalformedMessageException truncated(int bytes, int at) {
    return new MalformedMessageException(
        "truncated: " + bytes + " bytes needed but " + remaining() + " remain", at);
  }

  /**
   * Throws unless the bytes are well-formed UTF-8 as the Unicode standard defines it (no overlong
   * form, no surrogate), or WTF-8: the same with lone surrogates. True for plain UTF-8, false when
   * there are lone surrogates.
   */
  private boolean checkUtf8(int from, int to) {
    boolean utf8 = true;
    int lastHigh = -1; // where the latest high surrogate ended, to refuse a low one right after
    byte[] b = buffer;
    int p = from;
    while (p < to) {
      int lead = b[p];
      if (lead >= 0) {
        p++;
        continue;
      }
      lead &= 0xFF;
      int extra;
      int low = 0x80;
      int high = 0xBF;
      if (lead >= 0xC2 && lead <= 0xDF) {
        extra = 1;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        extra = 2;
        if (lead == 0xE0) {
          low = 0xA0;
        }
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        extra = 3;
        if (lead == 0xF0) {
          low = 0x90;
        } else if (lead == 0xF4) {
          high = 0x8F;
        }
      } else {
        throw badUtf8(p);
      }
      if (extra > to - p - 1) {
        throw badUtf8(p);
      }
      int second = b[p + 1] & 0xFF;
      if (second < low || second > high) {
        throw badUtf8(p);
      }
      for (int i = 2; i <= extra; i++) {
        if ((b[p + i] & 0xC0) != 0x80) {
          throw badUtf8(p);
        }
      }
      if (lead == 0xED && second >= 0xA0) {
        // A surrogate, D800 to DFFF: valid in WTF-8 only alone, never as half of a pair.
        if (second >= 0xB0 && lastHigh == p) {
          throw badUtf8(p - 3);
        }
        lastHigh = second < 0xB0 ? p + 3 : -1;
        utf8 = false;
      }
      p += extra + 1;
    }
    return utf8;
  }

  private MalformedMessageException badUtf8(int p) {
    return new MalformedMessageException("invalid UTF-8", p - start);
  }

  /** Notes that {@code handle} was read from this input, for {@link #abandonHandles}. */
  void handleRead(HandleType<?> type, Object handle) {
    if (handlesRead == null) {
      handlesRead = new Object[4];
    } else if (handlesReadLength == handlesRead.length) {
      handlesRead = Arrays.copyOf(handlesRead, handlesReadLength * 2);
    }
    handlesRead[handlesReadLength++] = type;
    handlesRead[handlesReadLength++] = handle;
  }

  /**
   * Gives up every handle read from this input so far ({@link HandleType#abandon}): the message
   * they came in failed to decode, so nobody will ever see them. Called by {@link Values} when a
   * read fails, and by whoever reads several values from one input and then refuses it.
   */
  public void abandonHandles() {
    Object[] read = handlesRead;
    int length = handlesReadLength;
    handlesRead = null;
    handlesReadLength = 0;
    for (int i = 0; i < length; i += 2) {
      try {
        ((HandleType<?>) read[i]).abandonValue(read[i + 1]);
      } catch (RuntimeException e) {
        // Given up as far as it can be; the others still are.
      }
    }
  }
}

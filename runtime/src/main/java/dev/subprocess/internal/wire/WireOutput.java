package dev.subprocess.internal.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A growable byte buffer that a message is written into. Numbers are big-endian; lengths and
 * counts are unsigned LEB128 varints (7 bits a byte, low bits first, high bit set on every byte
 * but the last); a string is its UTF-8 byte length as a varint, then those bytes.
 *
 * <pre>{@code
 * WireOutput out = new WireOutput(64);
 * out.writeInt(0);                       // room for a length prefix
 * Values.write(out, value);
 * out.setInt(0, out.size() - 4);         // patch it in place
 * stream.write(out.array(), 0, out.size());
 * }</pre>
 *
 * <p>Not thread-safe. {@link #reset()} keeps the capacity, so one buffer can serve many messages.
 */
public final class WireOutput {
  private static final int MAX_SIZE = Integer.MAX_VALUE - 8;

  private byte[] buffer;
  private int size;
  private int limit = MAX_SIZE;

  /** An empty buffer of 64 bytes. */
  public WireOutput() {
    this(64);
  }

  public WireOutput(int initialCapacity) {
    if (initialCapacity < 0) {
      throw new IllegalArgumentException("initialCapacity is negative: " + initialCapacity);
    }
    buffer = new byte[initialCapacity];
  }

  /**
   * Caps what this buffer may hold from now on: a write that would take it beyond {@code bytes}
   * throws, as one beyond the largest message does, before anything is allocated for it.
   */
  public void limit(int bytes) {
    limit = Math.min(MAX_SIZE, bytes);
  }

  public void writeByte(int value) {
    ensure(1);
    buffer[size++] = (byte) value;
  }

  /** One byte: 1 for true, 0 for false. */
  public void writeBoolean(boolean value) {
    writeByte(value ? 1 : 0);
  }

  public void writeShort(int value) {
    ensure(2);
    byte[] b = buffer;
    int p = size;
    b[p] = (byte) (value >>> 8);
    b[p + 1] = (byte) value;
    size = p + 2;
  }

  public void writeChar(int value) {
    writeShort(value);
  }

  public void writeInt(int value) {
    ensure(4);
    putInt(buffer, size, value);
    size += 4;
  }

  public void writeLong(long value) {
    ensure(8);
    putLong(buffer, size, value);
    size += 8;
  }

  /** The raw IEEE 754 bits, so that every NaN keeps its payload. */
  public void writeFloat(float value) {
    writeInt(Float.floatToRawIntBits(value));
  }

  /** The raw IEEE 754 bits, so that every NaN keeps its payload. */
  public void writeDouble(double value) {
    writeLong(Double.doubleToRawLongBits(value));
  }

  /** A length or count: 1 byte up to 127, at most 5 bytes. */
  public void writeVarInt(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("a varint cannot be negative: " + value);
    }
    ensure(5);
    byte[] b = buffer;
    int p = size;
    while (value > 0x7F) {
      b[p++] = (byte) (value | 0x80);
      value >>>= 7;
    }
    b[p++] = (byte) value;
    size = p;
  }

  /**
   * The byte length as a varint, then the string in UTF-8; a surrogate that is not part of a pair,
   * which UTF-8 cannot hold, is written as a code point of its own in 3 bytes, as WTF-8 does, so
   * that every Java string reads back exactly (see {@link WireInput#readString}).
   */
  public void writeString(String value) {
    int length = value.length();
    int start = size;
    writeVarInt(length);
    ensure(length);
    byte[] b = buffer;
    int p = size;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        size = start;
        writeUtf8(value);
        return;
      }
      b[p + i] = (byte) c;
    }
    size = p + length;
  }

  /** The length as a varint, then the bytes. */
  public void writeBytes(byte[] value) {
    writeVarInt(value.length);
    writeRaw(value, 0, value.length);
  }

  /** The bytes alone, with no length. */
  public void writeRaw(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    ensure(length);
    System.arraycopy(bytes, offset, buffer, size, length);
    size += length;
  }

  /** Overwrites the 4 bytes at {@code position}, which must have been written already. */
  public void setInt(int position, int value) {
    Objects.checkFromIndexSize(position, 4, size);
    putInt(buffer, position, value);
  }

  /** The number of bytes written. */
  public int size() {
    return size;
  }

  /** Forgets what was written, keeping the capacity. */
  public void reset() {
    size = 0;
  }

  /** Forgets what was written after the first {@code size} bytes. */
  public void truncate(int size) {
    Objects.checkIndex(size, this.size + 1);
    this.size = size;
  }

  /** A copy of the bytes written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  /** The backing array, valid up to {@link #size()}, until the next write. */
  public byte[] array() {
    return buffer;
  }

  public void writeTo(OutputStream out) throws IOException {
    out.write(buffer, 0, size);
  }

  /**
   * Makes room for {@code count} values of {@code width} bytes each and returns where they start
   * in {@link #array()}: the caller fills them in. For bulk arrays.
   */
  int advance(int count, int width) {
    long bytes = (long) count * width;
    if (bytes > MAX_SIZE) {
      throw tooLarge(bytes);
    }
    ensure((int) bytes);
    int position = size;
    size += (int) bytes;
    return position;
  }

  static void putInt(byte[] b, int p, int value) {
    b[p] = (byte) (value >>> 24);
    b[p + 1] = (byte) (value >>> 16);
    b[p + 2] = (byte) (value >>> 8);
    b[p + 3] = (byte) value;
  }

  static void putLong(byte[] b, int p, long value) {
    putInt(b, p, (int) (value >>> 32));
    putInt(b, p + 4, (int) value);
  }

  private void writeUtf8(String value) {
    long length = utf8Length(value);
    if (length > MAX_SIZE) {
      throw tooLarge(length);
    }
    writeVarInt((int) length);
    ensure((int) length);
    byte[] b = buffer;
    int p = size;
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        b[p++] = (byte) c;
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | c >> 6);
        b[p++] = (byte) (0x80 | c & 0x3F);
      } else if (isPair(value, i)) {
        int codePoint = Character.toCodePoint(c, value.charAt(++i));
        b[p++] = (byte) (0xF0 | codePoint >> 18);
        b[p++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
        b[p++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
        b[p++] = (byte) (0x80 | codePoint & 0x3F);
      } else {
        // Any other char, a lone surrogate included, in 3 bytes.
        b[p++] = (byte) (0xE0 | c >> 12);
        b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
        b[p++] = (byte) (0x80 | c & 0x3F);
      }
    }
    size = p;
  }

  private static long utf8Length(String value) {
    long length = 0;
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        length += 1;
      } else if (c < 0x800) {
        length += 2;
      } else if (isPair(value, i)) {
        length += 4;
        i++;
      } else {
        length += 3;
      }
    }
    return length;
  }

  private static boolean isPair(String value, int i) {
    return Character.isHighSurrogate(value.charAt(i))
        && i + 1 < value.length()
        && Character.isLowSurrogate(value.charAt(i + 1));
  }

  private void ensure(int extra) {
    if (extra > buffer.length - size) {
      grow(extra);
    }
  }

  private void grow(int extra) {
    long needed = (long) size + extra;
    if (needed > limit) {
      throw new OutOfMemoryError(
          "a message of " + needed + " bytes is too large (the limit is " + limit + ")");
    }
    long doubled = Math.max(16L, (long) buffer.length * 2);
    buffer = Arrays.copyOf(buffer, (int) Math.min(limit, Math.max(needed, doubled)));
  }

  private static OutOfMemoryError tooLarge(long bytes) {
    return new OutOfMemoryError("a message of " + bytes + " bytes is too large (the limit is "
        + MAX_SIZE + ")");
  }
}

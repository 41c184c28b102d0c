package dev.subprocess.internal.wire;

/**
 * The codec of transferable values: arguments, results, queue and pipe elements. Each value is
 * one tag byte and the bytes that tag defines (the table is in the {@linkplain
 * dev.subprocess.internal.wire package javadoc}); a value's encoding ends where its last element's
 * does, so values can follow one another in a message.
 *
 * <pre>{@code
 * Values.write(out, List.of(new Point(1, 2), Optional.empty()));  // IllegalArgumentException if
 *                                                                 // something is not transferable
 * Object value = Values.read(in);                                 // MalformedMessageException if
 *                                                                 // the bytes are not a value
 * }</pre>
 *
 * <p>Thread-safe: the methods keep no state; handles are written and read by the {@link
 * HandleTypes registered handle types}.
 */
public final class Values {
  /** Containers (collections, arrays, records, Optional) nest at most this deep. */
  static final int MAX_DEPTH = 1000;

  /** The whole encoding of null: this one tag byte. */
  public static final byte NULL = 0x00;
  static final byte FALSE = 0x01;
  static final byte TRUE = 0x02;
  static final byte BYTE = 0x03;
  static final byte SHORT = 0x04;
  static final byte CHAR = 0x05;
  static final byte INT = 0x06;
  static final byte LONG = 0x07;
  static final byte FLOAT = 0x08;
  static final byte DOUBLE = 0x09;
  static final byte STRING = 0x0A;
  static final byte ENUM = 0x10;
  static final byte RECORD = 0x11;
  static final byte ARRAY = 0x12;
  static final byte LIST = 0x13;
  static final byte SET = 0x14;
  static final byte MAP = 0x15;
  static final byte OPTIONAL_EMPTY = 0x16;
  static final byte OPTIONAL = 0x17;
  static final byte BYTES = 0x20;
  static final byte BOOLEAN_ARRAY = 0x21;
  static final byte SHORT_ARRAY = 0x22;
  static final byte CHAR_ARRAY = 0x23;
  static final byte INT_ARRAY = 0x24;
  static final byte LONG_ARRAY = 0x25;
  static final byte FLOAT_ARRAY = 0x26;
  static final byte DOUBLE_ARRAY = 0x27;
  static final byte BIG_INTEGER = 0x30;
  static final byte BIG_DECIMAL = 0x31;
  static final byte UUID = 0x32;
  static final byte INSTANT = 0x33;
  static final byte DURATION = 0x34;
  static final byte LOCAL_DATE = 0x35;
  static final byte LOCAL_DATE_TIME = 0x36;

  private Values() {}

  /**
   * Appends {@code value} to {@code out}. On any exception, {@code out} is left as it was.
   *
   * @throws IllegalArgumentException if {@code value} or anything in it is not transferable, with
   *     a message naming the type and where it is, or nests deeper than 1000 containers (a
   *     structure that contains itself)
   */
  public static void write(WireOutput out, Object value) {
    int start = out.size();
    try {
      ValueWriter.write(out, value, 0);
    } catch (NotTransferableException e) {
      out.truncate(start);
      throw new IllegalArgumentException(e.getMessage());
    } catch (RuntimeException | Error e) {
      out.truncate(start);
      throw e;
    }
  }

  /**
   * Reads the value at {@code in}'s position, leaving it after the value. If that fails, every
   * handle read from {@code in} so far is {@linkplain WireInput#abandonHandles given up}.
   *
   * @throws MalformedMessageException if the bytes there are not a value
   */
  public static Object read(WireInput in) {
    try {
      return ValueReader.read(in, 0);
    } catch (RuntimeException | Error e) {
      in.abandonHandles();
      throw e;
    }
  }

  /** A message that holds {@code value} alone. */
  public static byte[] encode(Object value) {
    WireOutput out = new WireOutput();
    write(out, value);
    return out.toByteArray();
  }

  /** The value of a message that holds one value and nothing after it. */
  public static Object decode(byte[] message) {
    WireInput in = new WireInput(message);
    Object value = read(in);
    try {
      in.expectEnd();
    } catch (MalformedMessageException e) {
      in.abandonHandles();
      throw e;
    }
    return value;
  }
}

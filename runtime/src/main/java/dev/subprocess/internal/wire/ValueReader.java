package dev.subprocess.internal.wire;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The reading half of {@link Values}. It creates only instances of the transferable classes: a
 * record or enum named in a message is loaded without being initialized and refused unless it is
 * a transferable record or an enum; only then is its constructor run or its constant looked up.
 */
final class ValueReader {
  private static final int NANOS_PER_SECOND = 1_000_000_000;

  private ValueReader() {}

  /** Reads a value that is inside {@code depth} containers. */
  static Object read(WireInput in, int depth) {
    int at = in.position();
    byte tag = in.readByte();
    switch (tag) {
      case Values.NULL:
        return null;
      case Values.FALSE:
        return Boolean.FALSE;
      case Values.TRUE:
        return Boolean.TRUE;
      case Values.BYTE:
        return in.readByte();
      case Values.SHORT:
        return in.readShort();
      case Values.CHAR:
        return in.readChar();
      case Values.INT:
        return in.readInt();
      case Values.LONG:
        return in.readLong();
      case Values.FLOAT:
        return in.readFloat();
      case Values.DOUBLE:
        return in.readDouble();
      case Values.STRING:
        return in.readString();
      case Values.BYTES:
        return in.readBytes();
      default:
        if (depth >= Values.MAX_DEPTH) {
          throw new MalformedMessageException(
              "values nested more than " + Values.MAX_DEPTH + " levels deep", at);
        }
        return readObject(in, tag, at, depth);
    }
  }

  private static Object readObject(WireInput in, byte tag, int at, int depth) {
    switch (tag) {
      case Values.LIST:
        {
          int n = in.readCount(1);
          ArrayList<Object> list = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            list.add(read(in, depth + 1));
          }
          return list;
        }
      case Values.SET:
        return readSet(in, at, depth);
      case Values.MAP:
        return readMap(in, at, depth);
      case Values.OPTIONAL_EMPTY:
        return Optional.empty();
      case Values.OPTIONAL:
        {
          Object value = read(in, depth + 1);
          if (value == null) {
            throw new MalformedMessageException("an Optional cannot hold null", at);
          }
          return Optional.of(value);
        }
      case Values.ENUM:
        return readEnum(in, at);
      case Values.RECORD:
        return readRecord(in, at, depth);
      case Values.ARRAY:
        return readArray(in, at, depth);
      default:
        if (tag >= HandleTypes.FIRST_TAG && tag <= HandleTypes.LAST_TAG) {
          return readHandle(in, tag, at);
        }
        return readScalar(in, tag, at);
    }
  }

  private static Object readScalar(WireInput in, byte tag, int at) {
    try {
      switch (tag) {
        case Values.BIG_INTEGER:
          return readBigInteger(in, at);
        case Values.BIG_DECIMAL:
          {
            int scale = in.readInt();
            return new BigDecimal(readBigInteger(in, at), scale);
          }
        case Values.UUID:
          return new UUID(in.readLong(), in.readLong());
        case Values.INSTANT:
          return Instant.ofEpochSecond(in.readLong(), readNanos(in, at));
        case Values.DURATION:
          return Duration.ofSeconds(in.readLong(), readNanos(in, at));
        case Values.LOCAL_DATE:
          return LocalDate.of(in.readInt(), in.readByte(), in.readByte());
        case Values.LOCAL_DATE_TIME:
          return LocalDateTime.of(
              in.readInt(), in.readByte(), in.readByte(), in.readByte(), in.readByte(),
              in.readByte(), readNanos(in, at));
        default:
          return readPrimitives(in, tag, at);
      }
    } catch (DateTimeException | ArithmeticException e) {
      throw new MalformedMessageException("invalid value: " + e.getMessage(), at, e);
    }
  }

  private static Set<Object> readSet(WireInput in, int at, int depth) {
    int n = in.readCount(1);
    Set<Object> set = new LinkedHashSet<>(hashCapacity(n));
    HashCollisions collisions = n > HashCollisions.SMALL ? new HashCollisions(n) : null;
    for (int i = 0; i < n; i++) {
      int elementAt = in.position();
      Object element = read(in, depth + 1);
      try {
        if (collisions != null) {
          collisions.add(Objects.hashCode(element), elementAt);
        }
        set.add(element);
      } catch (MalformedMessageException e) {
        throw e;
      } catch (RuntimeException e) {
        throw hashingFailed(e, at);
      }
    }
    return set;
  }

  private static Map<Object, Object> readMap(WireInput in, int at, int depth) {
    int n = in.readCount(2);
    Map<Object, Object> map = new LinkedHashMap<>(hashCapacity(n));
    HashCollisions collisions = n > HashCollisions.SMALL ? new HashCollisions(n) : null;
    for (int i = 0; i < n; i++) {
      int keyAt = in.position();
      Object key = read(in, depth + 1);
      Object value = read(in, depth + 1);
      try {
        if (collisions != null) {
          collisions.add(Objects.hashCode(key), keyAt);
        }
        map.put(key, value);
      } catch (MalformedMessageException e) {
        throw e;
      } catch (RuntimeException e) {
        throw hashingFailed(e, at);
      }
    }
    return map;
  }

  /** A record's own hashCode or equals, which a set or map calls, threw. */
  private static MalformedMessageException hashingFailed(RuntimeException e, int at) {
    return new MalformedMessageException(
        "an element's hashCode or equals threw " + e, at, e);
  }

  private static Object readEnum(WireInput in, int at) {
    Class<?> type = Transferability.load(in.readString(), at);
    if (!type.isEnum()) {
      throw new MalformedMessageException(type.getName() + " is not an enum", at);
    }
    String name = in.readString();
    try {
      return constant(type, name);
    } catch (IllegalArgumentException | LinkageError e) {
      throw new MalformedMessageException(
          type.getName() + " has no constant " + Transferability.shorten(name), at, e);
    }
  }

  // Enum.valueOf wants a Class<T extends Enum<T>>, which a Class<?> cannot be named as; the
  // caller has checked that enumType is an enum.
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object constant(Class<?> enumType, String name) {
    return Enum.valueOf((Class) enumType, name);
  }

  private static Object readRecord(WireInput in, int at, int depth) {
    Class<?> type = Transferability.load(in.readString(), at);
    if (!type.isRecord()) {
      throw new MalformedMessageException(type.getName() + " is not a record", at);
    }
    RecordShape shape = RecordShape.of(type);
    if (shape.problem() != null) {
      throw new MalformedMessageException(
          type.getName() + " is not transferable: " + shape.problem(), at);
    }
    int n = shape.size();
    int declared = in.readVarInt();
    if (declared != n) {
      throw new MalformedMessageException(
          type.getName() + " has " + n + " components, not " + declared, at);
    }
    Object[] components = new Object[n];
    for (int i = 0; i < n; i++) {
      int componentAt = in.position();
      Object component = read(in, depth + 1);
      if (!shape.accepts(i, component)) {
        throw new MalformedMessageException(
            "component " + shape.name(i) + " of " + type.getName() + " cannot be "
                + (component == null ? "null" : "a " + component.getClass().getName()),
            componentAt);
      }
      components[i] = component;
    }
    return shape.construct(components, at);
  }

  private static Object readArray(WireInput in, int at, int depth) {
    Class<?> component = Transferability.arrayComponent(in.readString(), at);
    int n = in.readCount(1);
    Object[] array = (Object[]) Array.newInstance(component, n);
    for (int i = 0; i < n; i++) {
      int elementAt = in.position();
      Object element = read(in, depth + 1);
      if (element != null && !component.isInstance(element)) {
        throw new MalformedMessageException(
            "a " + element.getClass().getName() + " cannot be an element of a "
                + component.getTypeName() + "[]",
            elementAt);
      }
      array[i] = element;
    }
    return array;
  }

  /** A primitive array in bulk, or the error of an unknown tag. */
  private static Object readPrimitives(WireInput in, byte tag, int at) {
    switch (tag) {
      case Values.INT_ARRAY:
        {
          int[] a = new int[in.readCount(4)];
          byte[] b = in.array();
          for (int i = 0, p = in.take(a.length * 4); i < a.length; i++, p += 4) {
            a[i] = WireInput.getInt(b, p);
          }
          return a;
        }
      case Values.LONG_ARRAY:
        {
          long[] a = new long[in.readCount(8)];
          byte[] b = in.array();
          for (int i = 0, p = in.take(a.length * 8); i < a.length; i++, p += 8) {
            a[i] = WireInput.getLong(b, p);
          }
          return a;
        }
      case Values.DOUBLE_ARRAY:
        {
          double[] a = new double[in.readCount(8)];
          byte[] b = in.array();
          for (int i = 0, p = in.take(a.length * 8); i < a.length; i++, p += 8) {
            a[i] = Double.longBitsToDouble(WireInput.getLong(b, p));
          }
          return a;
        }
      case Values.FLOAT_ARRAY:
        {
          float[] a = new float[in.readCount(4)];
          byte[] b = in.array();
          for (int i = 0, p = in.take(a.length * 4); i < a.length; i++, p += 4) {
            a[i] = Float.intBitsToFloat(WireInput.getInt(b, p));
          }
          return a;
        }
      case Values.SHORT_ARRAY:
        {
          short[] a = new short[in.readCount(2)];
          byte[] b = in.array();
          for (int i = 0, p = in.take(a.length * 2); i < a.length; i++, p += 2) {
            a[i] = (short) ((b[p] << 8) | (b[p + 1] & 0xFF));
          }
          return a;
        }
      case Values.CHAR_ARRAY:
        {
          char[] a = new char[in.readCount(2)];
          byte[] b = in.array();
          for (int i = 0, p = in.take(a.length * 2); i < a.length; i++, p += 2) {
            a[i] = (char) ((b[p] << 8) | (b[p + 1] & 0xFF));
          }
          return a;
        }
      case Values.BOOLEAN_ARRAY:
        {
          boolean[] a = new boolean[in.readCount(1)];
          byte[] b = in.array();
          for (int i = 0, p = in.take(a.length); i < a.length; i++, p++) {
            if ((b[p] & 0xFE) != 0) {
              throw new MalformedMessageException(
                  "a boolean must be 0 or 1", in.position() - a.length + i);
            }
            a[i] = b[p] != 0;
          }
          return a;
        }
      default:
        throw new MalformedMessageException("unknown tag 0x" + Integer.toHexString(tag & 0xFF), at);
    }
  }

  private static BigInteger readBigInteger(WireInput in, int at) {
    byte[] magnitude = in.readBytes();
    if (magnitude.length == 0) {
      throw new MalformedMessageException("a BigInteger needs at least one byte", at);
    }
    return new BigInteger(magnitude);
  }

  private static int readNanos(WireInput in, int at) {
    int nanos = in.readInt();
    if (nanos < 0 || nanos >= NANOS_PER_SECOND) {
      throw new MalformedMessageException("nanoseconds out of range: " + nanos, at);
    }
    return nanos;
  }

  private static Object readHandle(WireInput in, byte tag, int at) {
    HandleType<?> handleType = HandleTypes.ofTag(tag);
    if (handleType == null) {
      throw new MalformedMessageException(
          "no handle type of tag 0x" + Integer.toHexString(tag) + " is registered in this JVM", at);
    }
    Object handle = handleType.read(in);
    in.handleRead(handleType, handle);
    return handle;
  }

  /** The capacity of a hash table that holds {@code n} entries without growing. */
  private static int hashCapacity(int n) {
    return n < (1 << 29) ? n + n / 3 + 1 : 1 << 30;
  }
}

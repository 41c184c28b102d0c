package dev.subprocess.internal.wire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The writing half of {@link Values}: one tag, then the value's bytes (see package javadoc). */
final class ValueWriter {
  private ValueWriter() {}

  /** Writes {@code value}, which is inside {@code depth} containers. */
  static void write(WireOutput out, Object value, int depth) {
    if (value == null) {
      out.writeByte(Values.NULL);
      return;
    }
    // The common final classes by identity first: no allocation, no type test.
    Class<?> type = value.getClass();
    if (type == Integer.class) {
      out.writeByte(Values.INT);
      out.writeInt((Integer) value);
    } else if (type == String.class) {
      out.writeByte(Values.STRING);
      out.writeString((String) value);
    } else if (type == Long.class) {
      out.writeByte(Values.LONG);
      out.writeLong((Long) value);
    } else if (type == Double.class) {
      out.writeByte(Values.DOUBLE);
      out.writeDouble((Double) value);
    } else if (type == Boolean.class) {
      out.writeByte((Boolean) value ? Values.TRUE : Values.FALSE);
    } else if (type == Byte.class) {
      out.writeByte(Values.BYTE);
      out.writeByte((Byte) value);
    } else if (type == Short.class) {
      out.writeByte(Values.SHORT);
      out.writeShort((Short) value);
    } else if (type == Character.class) {
      out.writeByte(Values.CHAR);
      out.writeChar((Character) value);
    } else if (type == Float.class) {
      out.writeByte(Values.FLOAT);
      out.writeFloat((Float) value);
    } else if (type == byte[].class) {
      out.writeByte(Values.BYTES);
      out.writeBytes((byte[]) value);
    } else if (depth >= Values.MAX_DEPTH) {
      throw new NotTransferableException(
          "a value nested more than " + Values.MAX_DEPTH + " levels deep is refused",
          ": is it a structure that contains itself?");
    } else {
      writeObject(out, value, type, depth);
    }
  }

  private static void writeObject(WireOutput out, Object value, Class<?> type, int depth) {
    if (value instanceof Enum) {
      out.writeByte(Values.ENUM);
      // A constant with a body is an instance of an anonymous subclass: name the enum itself.
      out.writeString(((Enum<?>) value).getDeclaringClass().getName());
      out.writeString(((Enum<?>) value).name());
    } else if (type.isRecord()) {
      writeRecord(out, value, type, depth);
    } else if (type.isArray()) {
      writeArray(out, value, type, depth);
    } else if (value instanceof List) {
      writeElements(out, Values.LIST, (List<?>) value, depth);
    } else if (value instanceof Set) {
      writeElements(out, Values.SET, (Set<?>) value, depth);
    } else if (value instanceof Map) {
      writeMap(out, (Map<?, ?>) value, depth);
    } else if (type == Optional.class) {
      writeOptional(out, (Optional<?>) value, depth);
    } else {
      writeScalar(out, value, type);
    }
  }

  private static void writeScalar(WireOutput out, Object value, Class<?> type) {
    if (type == UUID.class) {
      out.writeByte(Values.UUID);
      out.writeLong(((UUID) value).getMostSignificantBits());
      out.writeLong(((UUID) value).getLeastSignificantBits());
    } else if (type == Instant.class) {
      out.writeByte(Values.INSTANT);
      out.writeLong(((Instant) value).getEpochSecond());
      out.writeInt(((Instant) value).getNano());
    } else if (type == Duration.class) {
      out.writeByte(Values.DURATION);
      out.writeLong(((Duration) value).getSeconds());
      out.writeInt(((Duration) value).getNano());
    } else if (type == LocalDate.class) {
      out.writeByte(Values.LOCAL_DATE);
      writeDate(out, (LocalDate) value);
    } else if (type == LocalDateTime.class) {
      LocalDateTime dateTime = (LocalDateTime) value;
      out.writeByte(Values.LOCAL_DATE_TIME);
      writeDate(out, dateTime.toLocalDate());
      out.writeByte(dateTime.getHour());
      out.writeByte(dateTime.getMinute());
      out.writeByte(dateTime.getSecond());
      out.writeInt(dateTime.getNano());
    } else if (value instanceof BigInteger) {
      out.writeByte(Values.BIG_INTEGER);
      out.writeBytes(((BigInteger) value).toByteArray());
    } else if (value instanceof BigDecimal) {
      out.writeByte(Values.BIG_DECIMAL);
      out.writeInt(((BigDecimal) value).scale());
      out.writeBytes(((BigDecimal) value).unscaledValue().toByteArray());
    } else {
      HandleType<?> handleType = HandleTypes.of(type);
      if (handleType == null) {
        throw notTransferable(type, null);
      }
      out.writeByte(handleType.tag());
      handleType.writeValue(out, value);
    }
  }

  private static void writeDate(WireOutput out, LocalDate date) {
    out.writeInt(date.getYear());
    out.writeByte(date.getMonthValue());
    out.writeByte(date.getDayOfMonth());
  }

  private static void writeRecord(WireOutput out, Object value, Class<?> type, int depth) {
    RecordShape shape = RecordShape.of(type);
    if (shape.problem() != null) {
      throw notTransferable(type, shape.problem());
    }
    int n = shape.size();
    out.writeByte(Values.RECORD);
    out.writeString(type.getName());
    out.writeVarInt(n);
    for (int i = 0; i < n; i++) {
      try {
        write(out, shape.component(value, i), depth + 1);
      } catch (NotTransferableException e) {
        throw e.at("component " + shape.name(i) + " of a " + type.getName());
      }
    }
  }

  private static void writeArray(WireOutput out, Object value, Class<?> type, int depth) {
    if (type.getComponentType().isPrimitive()) {
      writePrimitives(out, value, type.getComponentType());
      return;
    }
    String problem = Transferability.arrayProblem(type);
    if (problem != null) {
      throw notTransferable(type, problem.isEmpty() ? null : problem);
    }
    Object[] array = (Object[]) value;
    out.writeByte(Values.ARRAY);
    out.writeString(type.getName());
    out.writeVarInt(array.length);
    for (int i = 0; i < array.length; i++) {
      try {
        write(out, array[i], depth + 1);
      } catch (NotTransferableException e) {
        throw e.at("element " + i + " of a " + type.getTypeName());
      }
    }
  }

  /** A primitive array in bulk: the count, then the elements with no tag. */
  private static void writePrimitives(WireOutput out, Object value, Class<?> component) {
    if (component == int.class) {
      int[] a = (int[]) value;
      int p = startArray(out, Values.INT_ARRAY, a.length, 4);
      byte[] b = out.array();
      for (int element : a) {
        WireOutput.putInt(b, p, element);
        p += 4;
      }
    } else if (component == long.class) {
      long[] a = (long[]) value;
      int p = startArray(out, Values.LONG_ARRAY, a.length, 8);
      byte[] b = out.array();
      for (long element : a) {
        WireOutput.putLong(b, p, element);
        p += 8;
      }
    } else if (component == double.class) {
      double[] a = (double[]) value;
      int p = startArray(out, Values.DOUBLE_ARRAY, a.length, 8);
      byte[] b = out.array();
      for (double element : a) {
        WireOutput.putLong(b, p, Double.doubleToRawLongBits(element));
        p += 8;
      }
    } else if (component == float.class) {
      float[] a = (float[]) value;
      int p = startArray(out, Values.FLOAT_ARRAY, a.length, 4);
      byte[] b = out.array();
      for (float element : a) {
        WireOutput.putInt(b, p, Float.floatToRawIntBits(element));
        p += 4;
      }
    } else if (component == short.class) {
      short[] a = (short[]) value;
      int p = startArray(out, Values.SHORT_ARRAY, a.length, 2);
      byte[] b = out.array();
      for (short element : a) {
        b[p++] = (byte) (element >>> 8);
        b[p++] = (byte) element;
      }
    } else if (component == char.class) {
      char[] a = (char[]) value;
      int p = startArray(out, Values.CHAR_ARRAY, a.length, 2);
      byte[] b = out.array();
      for (char element : a) {
        b[p++] = (byte) (element >>> 8);
        b[p++] = (byte) element;
      }
    } else {
      boolean[] a = (boolean[]) value;
      int p = startArray(out, Values.BOOLEAN_ARRAY, a.length, 1);
      byte[] b = out.array();
      for (boolean element : a) {
        b[p++] = (byte) (element ? 1 : 0);
      }
    }
  }

  /** Writes the tag and count of a primitive array; returns where its elements go. */
  private static int startArray(WireOutput out, byte tag, int count, int width) {
    out.writeByte(tag);
    out.writeVarInt(count);
    return out.advance(count, width);
  }

  private static void writeElements(WireOutput out, byte tag, Collection<?> elements, int depth) {
    int n = elements.size();
    out.writeByte(tag);
    out.writeVarInt(n);
    int i = 0;
    for (Object element : elements) {
      if (i == n) {
        break; // more than size() said: reported below
      }
      try {
        write(out, element, depth + 1);
      } catch (NotTransferableException e) {
        throw e.at("element " + i + " of a " + elements.getClass().getName());
      }
      i++;
    }
    if (i != n || elements.size() != n) {
      throw changed(elements);
    }
  }

  private static void writeMap(WireOutput out, Map<?, ?> map, int depth) {
    int n = map.size();
    out.writeByte(Values.MAP);
    out.writeVarInt(n);
    int i = 0;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (i == n) {
        break;
      }
      try {
        write(out, entry.getKey(), depth + 1);
      } catch (NotTransferableException e) {
        throw e.at("key of entry " + i + " of a " + map.getClass().getName());
      }
      try {
        write(out, entry.getValue(), depth + 1);
      } catch (NotTransferableException e) {
        throw e.at("value of entry " + i + " of a " + map.getClass().getName());
      }
      i++;
    }
    if (i != n || map.size() != n) {
      throw changed(map);
    }
  }

  private static void writeOptional(WireOutput out, Optional<?> optional, int depth) {
    if (optional.isEmpty()) {
      out.writeByte(Values.OPTIONAL_EMPTY);
      return;
    }
    out.writeByte(Values.OPTIONAL);
    try {
      write(out, optional.get(), depth + 1);
    } catch (NotTransferableException e) {
      throw e.at("the value of an Optional");
    }
  }

  private static NotTransferableException notTransferable(Class<?> type, String problem) {
    return new NotTransferableException(
        type.getTypeName() + " is not transferable",
        (problem == null ? "; " : ": " + problem + "; ") + Transferability.transferable());
  }

  private static ConcurrentModificationException changed(Object container) {
    return new ConcurrentModificationException(
        "a " + container.getClass().getName() + " changed while it was written");
  }
}

package dev.subprocess.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.subprocess.internal.wire.ValuesTest.Color;
import dev.subprocess.internal.wire.ValuesTest.Node;
import dev.subprocess.internal.wire.ValuesTest.Point;
import dev.subprocess.internal.wire.ValuesTest.Polygon;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class MalformedValuesTest {
  static volatile boolean tripwireRan;

  /** Not transferable, and its initializer must never run. */
  static final class Tripwire {
    static {
      tripwireRan = true;
    }
  }

  /** A record that is not transferable, whose initializer must never run either. */
  record TrippedRecord(Object value) {
    static {
      tripwireRan = true;
    }
  }

  /** Transferable, but its hashCode throws. */
  record Touchy(int value) {
    @Override
    public int hashCode() {
      throw new UnsupportedOperationException("do not hash me");
    }
  }

  private static byte[] message(Consumer<WireOutput> writer) {
    WireOutput out = new WireOutput();
    writer.accept(out);
    return out.toByteArray();
  }

  private static MalformedMessageException malformed(byte[] message) {
    return assertThrows(MalformedMessageException.class, () -> Values.decode(message));
  }

  private static void assertMalformed(String expectedStart, byte[] message) {
    MalformedMessageException e = malformed(message);
    assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
  }

  private static byte[] record(String className, int components) {
    return message(
        out -> {
          out.writeByte(Values.RECORD);
          out.writeString(className);
          out.writeVarInt(components);
        });
  }

  private static byte[] array(String descriptor, Object... elements) {
    return message(
        out -> {
          out.writeByte(Values.ARRAY);
          out.writeString(descriptor);
          out.writeVarInt(elements.length);
          for (Object element : elements) {
            Values.write(out, element);
          }
        });
  }

  static byte[] richMessage() {
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put("key", List.of(1L, 2.5, 'c', (short) 3, (byte) 4, 5f, true));
    map.put(null, Optional.of(Color.GREEN));
    return Values.encode(
        Arrays.asList(
            "héllo 😀", null, new Point(1, 2), new Polygon("p", List.of(new Point(3, 4))),
            new Node("n", List.of()), map, Set.of(Color.RED), new int[] {1, 2},
            new long[] {3}, new double[] {4}, new float[] {5}, new short[] {6}, new char[] {'7'},
            new boolean[] {true}, new byte[] {8}, new String[] {"s", null},
            new Point[][] {{new Point(5, 6)}}, new int[][] {{9}}, BigInteger.TEN.negate(),
            new BigDecimal("1.5"), new UUID(1, 2), Instant.ofEpochSecond(3, 4),
            Duration.ofMillis(5), LocalDate.of(2020, 1, 2), LocalDateTime.of(2020, 1, 2, 3, 4),
            Optional.empty()));
  }

  @Test
  void truncationAtEveryOffset_isMalformed() {
    byte[] message = richMessage();
    Values.decode(message);
    for (int length = 0; length < message.length; length++) {
      malformed(Arrays.copyOf(message, length));
    }
  }

  @Test
  void trailingBytes_areMalformed() {
    byte[] message = Arrays.copyOf(Values.encode(List.of(1)), 9);
    assertMalformed("2 unexpected bytes after the end of the message at offset 7", message);
  }

  @Test
  void unknownTags_areMalformed() {
    assertMalformed("unknown tag 0xff at offset 0", new byte[] {(byte) 0xFF});
    assertMalformed("unknown tag 0xb at offset 0", new byte[] {0x0B});
    assertMalformed("unknown tag 0x37 at offset 2", new byte[] {Values.LIST, 1, 0x37});
    assertMalformed(
        "no handle type of tag 0x42 is registered in this JVM at offset 2",
        new byte[] {Values.LIST, 1, 0x42});
  }

  @Test
  void hugeDeclaredCounts_failFast() {
    byte[] tags = {
      Values.STRING, Values.BYTES, Values.LIST, Values.SET, Values.MAP, Values.INT_ARRAY,
      Values.LONG_ARRAY, Values.BOOLEAN_ARRAY, Values.DOUBLE_ARRAY, Values.BIG_INTEGER
    };
    for (byte tag : tags) {
      byte[] message =
          message(
              out -> {
                out.writeByte(tag);
                out.writeVarInt(Integer.MAX_VALUE);
                out.writeLong(0);
              });
      malformed(message);
    }
    byte[] hugeArray =
        message(
            out -> {
              out.writeByte(Values.ARRAY);
              out.writeString("[Ljava.lang.String;");
              out.writeVarInt(Integer.MAX_VALUE);
            });
    assertMalformed("declared count 2147483647 does not fit", hugeArray);
  }

  @Test
  void recordTagNamingAClassThatIsNotARecord_isRefused() {
    assertMalformed("java.lang.Thread is not a record at offset 0", record("java.lang.Thread", 0));
    assertMalformed("java.util.HashMap is not a record at offset 0", record("java.util.HashMap", 0));
    assertMalformed("no class com.example.Missing can be loaded", record("com.example.Missing", 0));
    assertMalformed("no class  can be loaded", record("", 0));
    assertMalformed("[I is not a record", record("[I", 0));
  }

  @Test
  void recordTagNamingANonTransferableRecord_isRefusedWithoutInitializingIt() {
    assertMalformed(
        "dev.subprocess.internal.wire.MalformedValuesTest$TrippedRecord is not transferable:"
            + " component value of dev.subprocess.internal.wire.MalformedValuesTest$TrippedRecord"
            + " is a java.lang.Object at offset 0",
        record(TrippedRecord.class.getName(), 1));
    assertMalformed(
        "dev.subprocess.internal.wire.MalformedValuesTest$Tripwire is not a record",
        record("dev.subprocess.internal.wire.MalformedValuesTest$Tripwire", 0));
    assertMalformed(
        "dev.subprocess.internal.wire.MalformedValuesTest$Tripwire is not an enum",
        message(
            out -> {
              out.writeByte(Values.ENUM);
              out.writeString("dev.subprocess.internal.wire.MalformedValuesTest$Tripwire");
              out.writeString("X");
            }));
    assertMalformed(
        "array [Ldev.subprocess.internal.wire.MalformedValuesTest$Tripwire; is refused",
        array("[Ldev.subprocess.internal.wire.MalformedValuesTest$Tripwire;"));
    assertFalse(tripwireRan);
  }

  @Test
  void recordWithWrongComponents_isMalformed() {
    String point = Point.class.getName();
    assertMalformed(point + " has 2 components, not 3", record(point, 3));
    byte[] stringForInt =
        message(
            out -> {
              out.writeRaw(record(point, 2), 0, record(point, 2).length);
              Values.write(out, "one");
              Values.write(out, 2);
            });
    MalformedMessageException e = malformed(stringForInt);
    assertEquals(
        "component x of " + point + " cannot be a java.lang.String at offset "
            + record(point, 2).length,
        e.getMessage());
    byte[] nullForInt =
        message(
            out -> {
              out.writeRaw(record(point, 2), 0, record(point, 2).length);
              Values.write(out, 1);
              Values.write(out, null);
            });
    assertMalformed("component y of " + point + " cannot be null", nullForInt);
    byte[] longForInt =
        message(
            out -> {
              out.writeRaw(record(point, 2), 0, record(point, 2).length);
              Values.write(out, 1L);
              Values.write(out, 2);
            });
    assertMalformed("component x of " + point + " cannot be a java.lang.Long", longForInt);
  }

  @Test
  void enumWithUnknownConstant_isMalformed() {
    byte[] message =
        message(
            out -> {
              out.writeByte(Values.ENUM);
              out.writeString(Color.class.getName());
              out.writeString("PURPLE");
            });
    assertMalformed(Color.class.getName() + " has no constant PURPLE", message);
  }

  @Test
  void arrayDescriptorsOfNonTransferableTypes_areRefused() {
    assertMalformed(
        "array [Ljava.lang.Object; is refused: java.lang.Object is not transferable",
        array("[Ljava.lang.Object;"));
    assertMalformed(
        "array [Ljava.lang.Thread; is refused: java.lang.Thread is not transferable",
        array("[Ljava.lang.Thread;"));
    assertMalformed(
        "array [[Ljava.lang.Thread; is refused", array("[[Ljava.lang.Thread;"));
    assertMalformed(
        "array [Ljava.util.ArrayList; is refused", array("[Ljava.util.ArrayList;"));
    assertMalformed(
        "array [L" + TrippedRecord.class.getName() + "; is refused: component value",
        array("[L" + TrippedRecord.class.getName() + ";"));
    for (String descriptor :
        new String[] {"[I", "I", "java.lang.String", "[Ljava.lang.String", "[L;", "[[X",
            "[L[Ljava.lang.String;;", "[".repeat(256) + "Ljava.lang.String;", ""}) {
      assertMalformed(
          Transferability.shorten(descriptor) + " is not the name of an array of references",
          array(descriptor));
    }
    assertMalformed("no class java.lang.Nope can be loaded", array("[Ljava.lang.Nope;"));
  }

  @Test
  void arrayElementOfTheWrongType_isMalformed() {
    assertMalformed(
        "a java.lang.Integer cannot be an element of a java.lang.String[]",
        array("[Ljava.lang.String;", "a", 1));
    assertMalformed(
        "a java.lang.String cannot be an element of a int[][]", array("[[I", "a"));
  }

  @Test
  void invalidScalars_areMalformed() {
    assertMalformed(
        "an Optional cannot hold null", new byte[] {Values.OPTIONAL, Values.NULL});
    assertMalformed(
        "a BigInteger needs at least one byte", new byte[] {Values.BIG_INTEGER, 0});
    assertMalformed(
        "nanoseconds out of range: 1000000000",
        message(
            out -> {
              out.writeByte(Values.INSTANT);
              out.writeLong(0);
              out.writeInt(1_000_000_000);
            }));
    assertMalformed(
        "invalid value",
        message(
            out -> {
              out.writeByte(Values.INSTANT);
              out.writeLong(Long.MAX_VALUE);
              out.writeInt(0);
            }));
    assertMalformed(
        "invalid value",
        message(
            out -> {
              out.writeByte(Values.LOCAL_DATE);
              out.writeInt(2020);
              out.writeByte(13);
              out.writeByte(1);
            }));
    assertMalformed(
        "a boolean must be 0 or 1 at offset 4",
        new byte[] {Values.BOOLEAN_ARRAY, 3, 1, 0, 2});
    assertMalformed("invalid UTF-8 at offset 2", new byte[] {Values.STRING, 2, (byte) 0xC0, 0});
  }

  @Test
  void elementWhoseHashCodeThrows_isMalformed() {
    byte[] touchy = Values.encode(new Touchy(1));
    for (byte tag : new byte[] {Values.SET, Values.MAP}) {
      byte[] message =
          message(
              out -> {
                out.writeByte(tag);
                out.writeVarInt(1);
                out.writeRaw(touchy, 0, touchy.length);
                out.writeByte(Values.NULL);
              });
      assertMalformed(
          "an element's hashCode or equals threw java.lang.UnsupportedOperationException",
          tag == Values.SET ? Arrays.copyOf(message, message.length - 1) : message);
    }
  }

  @Test
  void nestingBeyondTheLimit_isMalformed() {
    byte[] deep = new byte[2 * (Values.MAX_DEPTH + 1) + 1];
    for (int i = 0; i < Values.MAX_DEPTH + 1; i++) {
      deep[2 * i] = Values.LIST;
      deep[2 * i + 1] = 1;
    }
    deep[deep.length - 1] = Values.NULL;
    assertMalformed("values nested more than 1000 levels deep at offset 2000", deep);
    byte[] optionals = new byte[100_000];
    Arrays.fill(optionals, Values.OPTIONAL);
    malformed(optionals);
  }

  @Test
  void randomBytes_areMalformedOrValid() {
    Random random = new Random(20240611);
    byte[] tags = {
      Values.NULL, Values.INT, Values.STRING, Values.ENUM, Values.RECORD, Values.ARRAY, Values.LIST,
      Values.SET, Values.MAP, Values.OPTIONAL, Values.BYTES, Values.INT_ARRAY, Values.BIG_DECIMAL,
      Values.LOCAL_DATE_TIME, (byte) HandleTypes.FIRST_TAG
    };
    int valid = 0;
    for (int i = 0; i < 2000; i++) {
      byte[] bytes = new byte[random.nextInt(40)];
      random.nextBytes(bytes);
      if (bytes.length > 0 && random.nextInt(5) > 0) {
        bytes[0] = tags[random.nextInt(tags.length)];
      }
      valid += decodesOrIsMalformed(bytes);
    }
    byte[] rich = richMessage();
    for (int i = 0; i < 2000; i++) {
      byte[] bytes = rich.clone();
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      valid += decodesOrIsMalformed(bytes);
    }
    assertTrue(valid > 0, "some random messages should decode");
  }

  private static int decodesOrIsMalformed(byte[] bytes) {
    try {
      Values.decode(bytes);
      return 1;
    } catch (MalformedMessageException expected) {
      return 0;
    }
  }
}

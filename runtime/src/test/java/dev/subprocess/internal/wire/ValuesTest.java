package dev.subprocess.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.subprocess.internal.wire.elsewhere.Hidden;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ValuesTest {
  public record Point(int x, int y) {}

  record Line(Point from, Point to) {}

  record Polygon(String name, List<Point> points) {}

  record Pair<A, B>(A first, B second) {}

  record Node(String name, List<Node> children) {}

  record Holder(Object value) {}

  record Wildcard(List<?> items) {}

  // A raw component on purpose: the codec must refuse it.
  record Raw(@SuppressWarnings("rawtypes") List items) {}

  record Inner(Thread thread) {}

  record Outer(String name, Inner inner) {}

  record Everything(
      boolean z,
      byte b,
      short s,
      char c,
      int i,
      long j,
      float f,
      double d,
      String str,
      Color color,
      Optional<Point> maybe,
      Map<String, Set<Color>> colors,
      BigDecimal money,
      Instant when,
      Pair<String, List<Integer>> pair,
      Point[][] grid) {}

  enum Color {
    RED,
    GREEN {
      @Override
      public String toString() {
        return "green, with a body";
      }
    },
    BLUE
  }

  private static Object roundTrip(Object value) {
    byte[] message = Values.encode(value);
    Object decoded = Values.decode(message);
    // The same value written after other bytes reads back the same way.
    WireOutput out = new WireOutput(1);
    out.writeString("before");
    Values.write(out, value);
    out.writeInt(42);
    WireInput in = new WireInput(out.toByteArray());
    in.readString();
    Object again = Values.read(in);
    assertEquals(42, in.readInt());
    assertArrayEquals(message, Values.encode(decoded));
    assertArrayEquals(message, Values.encode(again));
    return decoded;
  }

  private static void assertRoundTrips(Object value) {
    Object decoded = roundTrip(value);
    assertEquals(value, decoded);
    if (value != null) {
      assertSame(value.getClass(), decoded.getClass());
    }
  }

  @Test
  void primitiveBoxes_andNull_roundTrip() {
    Object[] values = {
      null, true, false, (byte) 0, Byte.MIN_VALUE, Byte.MAX_VALUE, Short.MIN_VALUE,
      Short.MAX_VALUE, 'a', Character.MIN_VALUE, Character.MAX_VALUE, 0, -1, Integer.MIN_VALUE,
      Integer.MAX_VALUE, 0L, Long.MIN_VALUE, Long.MAX_VALUE, 0f, -0f, Float.NaN, Float.MIN_VALUE,
      Float.MAX_VALUE, Float.NEGATIVE_INFINITY, 0d, -0d, Double.NaN, Double.MIN_VALUE,
      Double.MAX_VALUE, Double.POSITIVE_INFINITY
    };
    for (Object value : values) {
      assertRoundTrips(value);
    }
    assertEquals(
        Double.doubleToRawLongBits(-0d), Double.doubleToRawLongBits((Double) roundTrip(-0d)));
    double payloadNaN = Double.longBitsToDouble(0x7ff8000000abcdefL);
    assertEquals(
        0x7ff8000000abcdefL, Double.doubleToRawLongBits((Double) roundTrip(payloadNaN)));
  }

  @Test
  void strings_roundTrip_includingSurrogates() {
    for (String s : new String[] {"", "a", "é", "日本語", "😀 emoji", "\u0000", "z".repeat(70_000)}) {
      assertRoundTrips(s);
    }
    assertRoundTrips("a\uD800b");
    for (String s : new String[] {"\uDC00", "x\uD83D", "\uD83D\uD83D\uDE00"}) {
      assertRoundTrips(s);
    }
  }

  @Test
  void valueClasses_roundTrip() {
    Object[] values = {
      BigInteger.ZERO, BigInteger.ONE.negate(), BigInteger.TWO.pow(200), BigInteger.TWO.pow(200).negate(),
      BigDecimal.ZERO, new BigDecimal("-1.50"), new BigDecimal("1e-400"),
      new BigDecimal(BigInteger.TEN, -5), new UUID(0x0123456789abcdefL, 0xfedcba9876543210L),
      Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.ofEpochSecond(-1, 5), Duration.ZERO,
      Duration.ofNanos(-1), Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
      Duration.ofSeconds(Long.MIN_VALUE), LocalDate.MIN, LocalDate.MAX, LocalDate.of(2024, 2, 29),
      LocalDateTime.MIN, LocalDateTime.MAX, LocalDateTime.of(2000, 1, 2, 3, 4, 5, 6)
    };
    for (Object value : values) {
      assertRoundTrips(value);
    }
    assertEquals(-5, ((BigDecimal) roundTrip(new BigDecimal(BigInteger.TEN, -5))).scale());
  }

  @Test
  void enums_roundTrip_includingConstantsWithBodies() {
    assertSame(Color.RED, roundTrip(Color.RED));
    assertSame(Color.GREEN, roundTrip(Color.GREEN));
    assertSame(TimeUnit.SECONDS, roundTrip(TimeUnit.SECONDS));
  }

  @Test
  void records_roundTrip() {
    assertRoundTrips(new Point(1, -2));
    assertRoundTrips(new Line(new Point(0, 0), null));
    assertRoundTrips(new Polygon("triangle", List.of(new Point(0, 0), new Point(1, 0))));
    assertRoundTrips(new Pair<>("one", List.of(1, 2)));
    assertRoundTrips(new Node("root", List.of(new Node("leaf", List.of()))));
    assertRoundTrips(Hidden.secret("s3cr3t", 7));
    assertRoundTrips(Hidden.vault("a", "b"));
  }

  @Test
  void recordOfEveryKind_roundTrips() {
    Everything everything =
        new Everything(
            true, (byte) 1, (short) 2, 'c', 4, 5L, 6.5f, 7.25, "str", Color.BLUE,
            Optional.of(new Point(8, 9)), Map.of("warm", Set.of(Color.RED)), new BigDecimal("10.01"),
            Instant.ofEpochSecond(11, 12), new Pair<>("p", List.of(13)),
            new Point[][] {{new Point(1, 1)}, {}});
    Everything decoded = (Everything) roundTrip(everything);
    assertEquals(everything.str(), decoded.str());
    assertEquals(everything.colors(), decoded.colors());
    assertEquals(everything.pair(), decoded.pair());
    assertEquals(everything.maybe(), decoded.maybe());
    assertTrue(Arrays.deepEquals(everything.grid(), decoded.grid()));
    assertEquals(
        everything, new Everything(
            decoded.z(), decoded.b(), decoded.s(), decoded.c(), decoded.i(), decoded.j(),
            decoded.f(), decoded.d(), decoded.str(), decoded.color(), decoded.maybe(),
            decoded.colors(), decoded.money(), decoded.when(), decoded.pair(), everything.grid()));
  }

  @Test
  void localRecordsAndEnums_roundTrip() {
    enum Weather {
      SUN
    }
    record Local(String name, Mood mood, Weather weather) {}
    assertRoundTrips(new Local("here", Mood.HAPPY, Weather.SUN));
    assertSame(Weather.SUN, roundTrip(Weather.SUN));
  }

  enum Mood {
    HAPPY
  }

  @Test
  void collections_decodeAsMutableCollections_keepingOrderAndNulls() {
    List<?> list = (List<?>) roundTrip(Arrays.asList(3, null, "x", 1));
    assertEquals(ArrayList.class, list.getClass());
    assertEquals(Arrays.asList(3, null, "x", 1), list);
    list.remove(0);

    Set<Object> set = new LinkedHashSet<>(List.of(5, 1, 4, 2));
    set.add(null);
    Object decodedSet = roundTrip(set);
    assertEquals(LinkedHashSet.class, decodedSet.getClass());
    assertEquals(new ArrayList<>(set), new ArrayList<>((Set<?>) decodedSet));

    TreeSet<String> sorted = new TreeSet<>(List.of("b", "c", "a"));
    assertEquals(List.of("a", "b", "c"), new ArrayList<>((Set<?>) roundTrip(sorted)));
    HashSet<Integer> hashed = new HashSet<>(List.of(100, 7, 33, 1024, 5));
    assertEquals(new ArrayList<>(hashed), new ArrayList<>((Set<?>) roundTrip(hashed)));

    Map<Object, Object> map = new LinkedHashMap<>();
    map.put("z", 1);
    map.put(null, "null key");
    map.put("a", null);
    map.put(new Point(1, 2), List.of(Set.of()));
    Object decodedMap = roundTrip(map);
    assertEquals(LinkedHashMap.class, decodedMap.getClass());
    assertEquals(map, decodedMap);
    assertEquals(new ArrayList<>(map.keySet()), new ArrayList<>(((Map<?, ?>) decodedMap).keySet()));

    TreeMap<Integer, String> treeMap = new TreeMap<>(Map.of(3, "c", 1, "a", 2, "b"));
    assertEquals(
        List.of(1, 2, 3), new ArrayList<>(((Map<?, ?>) roundTrip(treeMap)).keySet()));
    assertEquals(new LinkedList<>(List.of(1, 2)), roundTrip(new LinkedList<>(List.of(1, 2))));
    assertEquals(List.of(), roundTrip(Collections.emptyList()));
  }

  @Test
  void nestedGenerics_roundTrip() {
    Map<String, List<Set<Integer>>> nested = new LinkedHashMap<>();
    nested.put("one", List.of(Set.of(1), new LinkedHashSet<>(List.of(3, 2))));
    nested.put("none", new ArrayList<>());
    List<Object> deep = List.of(Optional.of(List.of(Map.of("k", Optional.empty()))), nested);
    assertEquals(deep, roundTrip(deep));
    assertEquals(Optional.empty(), roundTrip(Optional.empty()));
    assertEquals(Optional.of(new Point(1, 1)), roundTrip(Optional.of(new Point(1, 1))));
  }

  @Test
  void primitiveArrays_roundTrip() {
    Object[] arrays = {
      new boolean[] {true, false}, new byte[] {Byte.MIN_VALUE, 0, Byte.MAX_VALUE},
      new short[] {Short.MIN_VALUE, 1}, new char[] {'a', '\uFFFF'},
      new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}, new long[] {Long.MIN_VALUE, -1},
      new float[] {Float.NaN, -0f, 1.5f}, new double[] {Double.NaN, -0d, Math.PI}, new int[0],
      new byte[0], new double[0]
    };
    for (Object array : arrays) {
      Object decoded = roundTrip(array);
      assertSame(array.getClass(), decoded.getClass());
      assertTrue(Arrays.deepEquals(new Object[] {array}, new Object[] {decoded}));
    }
  }

  @Test
  void typedArrays_keepTheirExactClass() {
    // Java has no generic array creation: an array of List<String> is made raw, then cast.
    @SuppressWarnings({"unchecked", "rawtypes"})
    List<String>[] lists = new List[] {List.of("a"), null};
    Object[] arrays = {
      new String[] {"a", null, "c"}, new Integer[] {1, null}, new Point[][] {{new Point(1, 2)}, null},
      new int[][] {{1, 2}, {}, null}, new int[][][] {{{3}}}, new Color[] {Color.GREEN}, lists,
      new Optional<?>[] {Optional.empty()}, new String[0], new Point[0][], new byte[][] {{1}},
      new Instant[] {Instant.EPOCH}
    };
    for (Object array : arrays) {
      Object decoded = roundTrip(array);
      assertSame(array.getClass(), decoded.getClass(), array.getClass().getTypeName());
      assertTrue(Arrays.deepEquals((Object[]) array, (Object[]) decoded));
    }
  }

  @Test
  void nestingUpToTheLimit_roundTrips() {
    Object value = 1;
    for (int i = 0; i < Values.MAX_DEPTH; i++) {
      value = List.of(value);
    }
    assertEquals(value, roundTrip(value));
    Object tooDeep = List.of(value);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Values.encode(tooDeep));
    assertTrue(e.getMessage().startsWith("a value nested more than 1000 levels deep is refused"));
  }

  @Test
  void thread_isRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Values.encode(new Thread()));
    assertEquals(
        "java.lang.Thread is not transferable; " + Transferability.transferable(), e.getMessage());
  }

  @Test
  void listContainingAThread_isRefused_namingWhere() {
    List<Object> list = new ArrayList<>(List.of(1, 2, 3));
    list.add(new Thread());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Values.encode(list));
    assertEquals(
        "java.lang.Thread is not transferable (element 3 of a java.util.ArrayList); transferable"
            + " are primitives and their boxes, String, enums, records of transferable components,"
            + " arrays, List, Set, Map, Optional, byte[], BigInteger, BigDecimal, UUID, Instant,"
            + " Duration, LocalDate, LocalDateTime, Queue",
        e.getMessage().substring(0, e.getMessage().indexOf(", Queue") + 7));
    // then the other registered handle types: Connection, and any a test registers
  }

  @Test
  // A Thread smuggled past the compiler through a raw list: what the encoder must catch.
  @SuppressWarnings({"unchecked", "rawtypes"})
  void deeplyPlacedThread_isRefused_namingEachPlace() {
    Polygon polygon = new Polygon("p", (List) List.of(new Thread()));
    Map<String, Object> map = new HashMap<>();
    map.put("k", List.of(polygon));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Values.encode(Optional.of(map)));
    assertTrue(
        e.getMessage().startsWith(
            "java.lang.Thread is not transferable (element 0 of a java.util.ImmutableCollections$List12,"
                + " in component points of a dev.subprocess.internal.wire.ValuesTest$Polygon,"
                + " in element 0 of a java.util.ImmutableCollections$List12,"
                + " in value of entry 0 of a java.util.HashMap, in the value of an Optional);"),
        e.getMessage());
    Map<Object, Object> badKey = new HashMap<>();
    badKey.put(new Object(), 1);
    e = assertThrows(IllegalArgumentException.class, () -> Values.encode(badKey));
    assertTrue(
        e.getMessage().startsWith(
            "java.lang.Object is not transferable (key of entry 0 of a java.util.HashMap);"),
        e.getMessage());
  }

  @Test
  void recordWithObjectComponent_isRefused_evenHoldingATransferableValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Values.encode(new Holder("text")));
    assertEquals(
        "dev.subprocess.internal.wire.ValuesTest$Holder is not transferable: component value of"
            + " dev.subprocess.internal.wire.ValuesTest$Holder is a java.lang.Object; "
            + Transferability.transferable(),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Values.encode(new Wildcard(List.of())));
    assertTrue(e.getMessage().contains("component items of"), e.getMessage());
    assertTrue(e.getMessage().contains("is a java.util.List<?>"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Values.encode(new Raw(List.of())));
    assertTrue(e.getMessage().contains("is a java.util.List;"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Values.encode(new Outer("o", null)));
    assertTrue(
        e.getMessage().contains(
            "Outer is not transferable: component thread of"
                + " dev.subprocess.internal.wire.ValuesTest$Inner is a java.lang.Thread;"),
        e.getMessage());
  }

  @Test
  void cyclicList_isRefused_withoutStackOverflow() {
    List<Object> cyclic = new ArrayList<>();
    cyclic.add(cyclic);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Values.encode(cyclic));
    assertEquals(
        "a value nested more than 1000 levels deep is refused (element 0 of a java.util.ArrayList,"
            + " in element 0 of a java.util.ArrayList, in element 0 of a java.util.ArrayList,"
            + " in element 0 of a java.util.ArrayList, in element 0 of a java.util.ArrayList,"
            + " in element 0 of a java.util.ArrayList, ...): is it a structure that contains"
            + " itself?",
        e.getMessage());
  }

  @Test
  void otherTypes_areRefused() {
    Object[] refused = {
      new Object(), new ArrayDeque<>(List.of(1)), new Object[] {1}, new Thread[0],
      new StringBuilder("x"), Integer.class, new ArrayList<?>[0], (Runnable) () -> {}
    };
    for (Object value : refused) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Values.encode(value));
      assertTrue(
          e.getMessage().startsWith(value.getClass().getTypeName() + " is not transferable"),
          e.getMessage());
    }
  }

  @Test
  void failedWrite_leavesTheOutputAsItWas() {
    WireOutput out = new WireOutput();
    Values.write(out, "kept");
    int size = out.size();
    assertThrows(
        IllegalArgumentException.class, () -> Values.write(out, List.of(1, 2, new Thread())));
    assertEquals(size, out.size());
    assertEquals("kept", Values.decode(out.toByteArray()));
  }

  @Test
  void handles_truncated_areMalformed() {
    // The API's handle types are registered when a handle's tag is first met.
    for (int tag : new int[] {0x40, 0x41}) {
      assertThrows(MalformedMessageException.class, () -> Values.decode(new byte[] {(byte) tag}));
    }
  }

  @Test
  void handleOfAnUnregisteredTag_isMalformed() {
    MalformedMessageException e =
        assertThrows(
            MalformedMessageException.class,
            () -> Values.decode(new byte[] {(byte) HandleTypes.LAST_TAG - 1}));
    assertTrue(e.getMessage().startsWith("no handle type of tag 0x5e"), e.getMessage());
  }

  /** A handle type of the tests: a ticket travels as its number. */
  static final class Ticket {
    static final List<String> CALLS = Collections.synchronizedList(new ArrayList<>());

    static {
      HandleTypes.register(new TicketType());
    }

    final int number;

    Ticket(int number) {
      this.number = number;
    }
  }

  private static final class TicketType extends HandleType<Ticket> {
    TicketType() {
      super(Ticket.class, HandleTypes.LAST_TAG);
    }

    @Override
    protected void write(WireOutput out, Ticket ticket) {
      Ticket.CALLS.add("write " + ticket.number);
      out.writeInt(ticket.number);
    }

    @Override
    protected Ticket read(WireInput in) {
      Ticket ticket = new Ticket(in.readInt());
      Ticket.CALLS.add("read " + ticket.number);
      return ticket;
    }
  }

  record Booth(List<Ticket> tickets) {}

  @Test
  void registeredHandleTypes_travelByTheirOwnCodec_evenInsideRecordsAndArrays() {
    Object value =
        List.of(new Ticket(7), new Booth(List.of(new Ticket(8))), new Ticket[] {new Ticket(9)});
    byte[] message = Values.encode(value);
    assertEquals(HandleTypes.LAST_TAG, message[2] & 0xFF);
    List<?> decoded = (List<?>) Values.decode(message);
    assertEquals(7, ((Ticket) decoded.get(0)).number);
    assertEquals(8, ((Booth) decoded.get(1)).tickets().get(0).number);
    assertEquals(9, ((Ticket[]) decoded.get(2))[0].number);
    assertEquals(
        List.of("write 7", "write 8", "write 9", "read 7", "read 8", "read 9"), Ticket.CALLS);
    assertTrue(Transferability.transferable().endsWith(" and Ticket"), Transferability.transferable());
  }

  @Test
  void handleTypes_refuseATakenTagOrClass() {
    new Ticket(0); // registered
    assertThrows(
        IllegalStateException.class,
        () ->
            HandleTypes.register(
                new HandleType<Thread>(Thread.class, HandleTypes.LAST_TAG) {
                  @Override
                  protected void write(WireOutput out, Thread handle) {}

                  @Override
                  protected Thread read(WireInput in) {
                    return null;
                  }
                }));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new HandleType<Thread>(Thread.class, 0x3F) {
              @Override
              protected void write(WireOutput out, Thread handle) {}

              @Override
              protected Thread read(WireInput in) {
                return null;
              }
            });
  }

  @Test
  void encodingIntegersAndShortStrings_allocatesNothing() {
    java.lang.management.ThreadMXBean bean =
        java.lang.management.ManagementFactory.getThreadMXBean();
    if (!(bean instanceof com.sun.management.ThreadMXBean)) {
      return;
    }
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
    long id = Thread.currentThread().getId();
    WireOutput out = new WireOutput(1 << 20);
    Integer number = 123_456;
    String text = "a short string";
    for (int round = 0; round < 3; round++) {
      out.reset();
      long before = threads.getThreadAllocatedBytes(id);
      for (int i = 0; i < 20_000; i++) {
        Values.write(out, number);
        Values.write(out, text);
      }
      long allocated = threads.getThreadAllocatedBytes(id) - before;
      if (round == 2) {
        assertTrue(allocated < 4096, allocated + " bytes allocated");
      }
    }
  }
}

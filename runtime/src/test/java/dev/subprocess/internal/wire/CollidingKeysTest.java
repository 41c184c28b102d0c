package dev.subprocess.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.subprocess.internal.wire.ValuesTest.Point;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Map keys and set elements that share a hash code must not make decoding quadratic. */
class CollidingKeysTest {
  private static final int KEYS = 40_000;

  /** Distinct points that all hash alike: a record's hash is 31 * x + y. */
  private static List<Point> collidingPoints(int n) {
    List<Point> points = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      points.add(new Point(i, -31 * i));
    }
    assertEquals(points.get(0).hashCode(), points.get(n - 1).hashCode());
    return points;
  }

  /** Distinct strings that all hash alike: "Aa" and "BB" do. */
  private static List<String> collidingStrings(int n) {
    List<String> strings = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      StringBuilder s = new StringBuilder();
      for (int bit = 0; bit < 16; bit++) {
        s.append((i >>> bit & 1) == 0 ? "Aa" : "BB");
      }
      strings.add(s.toString());
    }
    assertEquals(strings.get(0).hashCode(), strings.get(n - 1).hashCode());
    return strings;
  }

  /** A set message of these elements, written by hand: the writer's own set would be slow. */
  private static byte[] setOf(List<?> elements) {
    WireOutput out = new WireOutput();
    out.writeByte(Values.SET);
    out.writeVarInt(elements.size());
    for (Object element : elements) {
      Values.write(out, element);
    }
    return out.toByteArray();
  }

  private static byte[] mapOf(List<?> keys) {
    WireOutput out = new WireOutput();
    out.writeByte(Values.MAP);
    out.writeVarInt(keys.size());
    for (Object key : keys) {
      Values.write(out, key);
      Values.write(out, 0);
    }
    return out.toByteArray();
  }

  private static void assertRefused(byte[] message) {
    MalformedMessageException e =
        assertThrows(MalformedMessageException.class, () -> Values.decode(message));
    assertTrue(e.getMessage().contains("share a hash code"), e.getMessage());
  }

  @Test
  @Timeout(10)
  void collidingRecordKeys_areRefused() {
    assertRefused(mapOf(collidingPoints(KEYS)));
  }

  @Test
  @Timeout(10)
  void collidingRecordElements_areRefused() {
    assertRefused(setOf(collidingPoints(KEYS)));
  }

  @Test
  @Timeout(10)
  void collidingStrings_areRefused() {
    assertRefused(mapOf(collidingStrings(KEYS)));
    assertRefused(setOf(collidingStrings(KEYS)));
  }

  @Test
  @Timeout(10)
  void collidingKeysInsideOtherValues_areRefused() {
    WireOutput out = new WireOutput();
    out.writeByte(Values.LIST);
    out.writeVarInt(1);
    byte[] set = setOf(collidingPoints(KEYS));
    out.writeRaw(set, 0, set.length);
    assertRefused(out.toByteArray());
  }

  @Test
  @Timeout(10)
  void fewCollisions_andTheUsualCollisionsOfAGrid_areAccepted() {
    // A small map may collide entirely.
    List<Point> few = collidingPoints(64);
    assertEquals(new LinkedHashSet<>(few), Values.decode(setOf(few)));
    // A grid of points collides by design of the record's hash: some 30 points share each hash.
    Set<Point> grid = new LinkedHashSet<>();
    Map<Point, Integer> indexed = new LinkedHashMap<>();
    for (int x = 0; x < 50; x++) {
      for (int y = 0; y < 1000; y++) {
        Point p = new Point(x, y);
        grid.add(p);
        indexed.put(p, indexed.size());
      }
    }
    assertEquals(grid, Values.decode(Values.encode(grid)));
    assertEquals(indexed, Values.decode(Values.encode(indexed)));
  }
}

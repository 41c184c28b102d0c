package com.acme;

import dev.subprocess.Connection;
import dev.subprocess.Queue;
import dev.subprocess.Subprocess;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Every kind of transferable type, and the shapes of method the processor accepts. */
public class Transferables {
  public record Node(int value, List<Node> children) {}

  public record Pair<A, B>(A first, B second) {}

  public enum Color { RED, GREEN }

  @Subprocess
  static String scalars(
      boolean a, byte b, short c, char d, int e, long f, float g, double h,
      Boolean i, Byte j, Short k, Character l, Integer m, Long n, Float o, Double p) {
    return "";
  }

  @Subprocess
  static Instant values(
      BigInteger a, BigDecimal b, UUID c, Instant d, Duration e, LocalDate f, LocalDateTime g,
      byte[] bytes, Color color) {
    return d;
  }

  @Subprocess
  static Map<Color, Set<String>> containers(
      List<String> a, Set<Integer> b, Map<String, List<Node>> c, Optional<Pair<String, Long>> d,
      int[][] grid, List<String>[] lists) {
    return Map.of();
  }

  @Subprocess
  static void handles(Queue<Node> queue, Connection<Optional<String>> connection) {}

  @Subprocess
  static Node tree(Node root) {
    return root;
  }

  @Subprocess
  static int sum(int... values) {
    return values.length;
  }

  @Subprocess
  static String join(String... parts) {
    return String.join(",", parts);
  }

  @Subprocess
  static String joinTagged(String tag, String... parts) {
    return tag + String.join(",", parts);
  }

  @Subprocess
  static int countLists(List<String>[] lists) {
    return lists.length;
  }

  @SafeVarargs
  @Subprocess
  static int countVarargLists(List<String>... lists) {
    return lists.length;
  }

  @Subprocess
  static long now() throws IOException, InterruptedException {
    return 0;
  }

  @Subprocess
  public static Pair<String, Integer> pair(Pair<String, Integer> pair) {
    return pair;
  }

  public record Counter(int start) {
    @Subprocess
    int count(int counter, Color color) {
      return start + counter;
    }
  }

  interface Tools {
    @Subprocess
    static Color pick() {
      return Color.RED;
    }
  }

  enum Mode {
    FAST;

    @Subprocess
    static Mode parse(String text) {
      return Mode.valueOf(text);
    }
  }
}

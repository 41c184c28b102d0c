package dev.subprocess.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What one message may make a decoder allocate: a small multiple of its length. */
class DecodeBudgetTest {

  @Test
  @Timeout(120)
  void forgedCounts_inASmallHeap_areMalformed_notOutOfMemory() throws Exception {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
            java.toString(),
            "-Xmx32m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            ForgedDecodeMain.class.getName());
    builder.redirectErrorStream(true);
    java.lang.Process child = builder.start();
    String output;
    try (InputStream in = child.getInputStream()) {
      output = new String(readAll(in), StandardCharsets.UTF_8);
    } finally {
      if (!child.waitFor(60, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
    assertEquals(0, child.exitValue(), output);
    StringBuilder expected = new StringBuilder();
    for (String name : Forgeries.all(1 << 20).keySet()) {
      expected.append(name).append("\tmalformed\n");
    }
    assertEquals(expected.toString(), output);
  }

  @Test
  @Timeout(60)
  void forgedCounts_allocateAtMostASmallMultipleOfTheLength() {
    com.sun.management.ThreadMXBean threads = threads();
    if (threads == null) {
      return;
    }
    long id = Thread.currentThread().getId();
    int size = 64 << 10;
    for (Map.Entry<String, byte[]> forgery : Forgeries.all(size).entrySet()) {
      long before = threads.getThreadAllocatedBytes(id);
      assertThrows(MalformedMessageException.class, () -> Values.decode(forgery.getValue()));
      long allocated = threads.getThreadAllocatedBytes(id) - before;
      assertTrue(
          allocated < 16L * size + (256 << 10),
          forgery.getKey() + ": " + allocated + " bytes allocated for a message of " + size);
    }
  }

  @Test
  void legitimateLargeMessages_fitTheBudget() {
    byte[] bytes = new byte[10_000_000];
    bytes[9_999_999] = 7;
    assertArrayEquals(bytes, (byte[]) Values.decode(Values.encode(bytes)));

    List<Integer> integers = new ArrayList<>();
    for (int i = 0; i < 1_000_000; i++) {
      integers.add(i);
    }
    assertEquals(integers, Values.decode(Values.encode(integers)));

    // Every element a single byte: the declared counts add up to nearly the whole length.
    List<Object> nulls = Collections.nCopies(1_000_000, null);
    assertEquals(nulls, Values.decode(Values.encode(nulls)));
    List<Object> empties = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      empties.add(List.of());
      empties.add(Set.of());
      empties.add(Map.of());
    }
    assertEquals(empties, Values.decode(Values.encode(empties)));

    Map<Integer, List<Boolean>> map = new LinkedHashMap<>();
    Set<String> set = new LinkedHashSet<>();
    for (int i = 0; i < 200_000; i++) {
      map.put(i, List.of(true, false));
      set.add("s" + i);
    }
    assertEquals(map, Values.decode(Values.encode(map)));
    assertEquals(set, Values.decode(Values.encode(set)));

    Object nested = List.of();
    for (int i = 0; i < Values.MAX_DEPTH - 1; i++) {
      nested = List.of(nested, Set.of(i), new String[] {"x"});
    }
    assertEquals(
        Values.encode(nested).length, Values.encode(Values.decode(Values.encode(nested))).length);

    RuntimeException failure = new RuntimeException("top");
    for (int i = 0; i < 100; i++) {
      failure.addSuppressed(new IllegalStateException("suppressed " + i));
    }
    WireOutput out = new WireOutput();
    Failures.write(out, failure);
    Failures.readFailure(new WireInput(out.toByteArray()));
  }

  private static com.sun.management.ThreadMXBean threads() {
    java.lang.management.ThreadMXBean bean =
        java.lang.management.ManagementFactory.getThreadMXBean();
    return bean instanceof com.sun.management.ThreadMXBean
        ? (com.sun.management.ThreadMXBean) bean
        : null;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    in.transferTo(bytes);
    return bytes.toByteArray();
  }
}

package dev.subprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The runtime's packages depend on one another in one direction only, as {@code jdeps} sees the
 * compiled classes: each package may use the packages of lower layers, none of a higher one, so
 * there is no cycle and a newcomer can draw the runtime bottom up.
 */
class LayersTest {
  /** Package → layer; a package may depend only on packages of a lower layer. */
  private static final Map<String, Integer> LAYERS =
      Map.ofEntries(
          Map.entry("dev.subprocess.internal.time", 0),
          Map.entry("dev.subprocess.internal.wire", 0),
          Map.entry("dev.subprocess.internal.files", 0),
          Map.entry("dev.subprocess.internal.channel", 1),
          Map.entry("dev.subprocess.internal.ring", 1),
          Map.entry("dev.subprocess.internal.hub", 2),
          Map.entry("dev.subprocess.internal.process", 3),
          Map.entry("dev.subprocess.internal.queue", 4),
          Map.entry("dev.subprocess.internal.pipe", 4),
          Map.entry("dev.subprocess.internal.pool", 4),
          Map.entry("dev.subprocess", 5),
          // For generated code only: Call, Entry and the launchers, on top of the API.
          Map.entry("dev.subprocess.internal", 6));

  private static final Pattern EDGE =
      Pattern.compile("^\\s+(dev\\.subprocess[\\w.]*)\\s+->\\s+(dev\\.subprocess[\\w.]*)\\s");

  @Test
  void everyPackageDependsOnlyOnLowerLayers() {
    Map<String, TreeSet<String>> edges = packageEdges();
    List<String> wrong = new ArrayList<>();
    edges.forEach(
        (from, tos) -> {
          for (String to : tos) {
            if (!from.equals(to) && layer(from) <= layer(to)) {
              wrong.add(from + " -> " + to);
            }
          }
        });
    assertEquals(List.of(), wrong, "dependencies against the layers");
  }

  @Test
  void everyPackageHasALayer() {
    for (String pkg : packageEdges().keySet()) {
      assertTrue(LAYERS.containsKey(pkg), pkg + " has no layer in LayersTest.LAYERS: give it one");
    }
  }

  private static int layer(String pkg) {
    Integer layer = LAYERS.get(pkg);
    assertTrue(layer != null, pkg + " has no layer in LayersTest.LAYERS: give it one");
    return layer;
  }

  private static Map<String, TreeSet<String>> packageEdges() {
    Path classes = Path.of("target", "classes");
    assertTrue(Files.isDirectory(classes), "no compiled classes at " + classes.toAbsolutePath());
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    int status =
        jdeps.run(
            new PrintWriter(out),
            new PrintWriter(out),
            "-verbose:package",
            "-filter:none",
            classes.toString());
    assertEquals(0, status, out.toString());
    Map<String, TreeSet<String>> edges = new TreeMap<>();
    for (String line : out.toString().split("\n")) {
      Matcher m = EDGE.matcher(line);
      if (m.find()) {
        edges.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
      }
    }
    assertTrue(!edges.isEmpty(), "jdeps printed no dependences:\n" + out);
    return edges;
  }
}

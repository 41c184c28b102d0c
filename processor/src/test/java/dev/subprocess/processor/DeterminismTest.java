package dev.subprocess.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Same input, same bytes: whatever the order in which javac hands over the sources. */
class DeterminismTest {
  private static final List<String> SOURCES =
      List.of(
          "good/Owner.java",
          "good/Orders.java",
          "good/Outer.java",
          "good/Reports.java",
          "good/Sleeper.java",
          "good/Transferables.java");

  @Test
  void sourcesInAnotherOrder_generateIdenticalFiles() {
    List<String> reversed = new ArrayList<>(SOURCES);
    Collections.reverse(reversed);

    Map<String, String> forward = generatedFiles(SOURCES);
    Map<String, String> backward = generatedFiles(reversed);

    assertThat(forward).isNotEmpty();
    assertThat(backward).containsExactlyEntriesIn(forward);
  }

  /** Every generated source and resource, by location and name. */
  private static Map<String, String> generatedFiles(List<String> sources) {
    Compilation compilation = Compilations.compile(sources.toArray(String[]::new));
    assertThat(compilation).succeededWithoutWarnings();
    Map<String, String> files = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        files.put(file.toUri().toString(), contents(file));
      }
    }
    return files;
  }

  private static String contents(JavaFileObject file) {
    try {
      return file.getCharContent(false).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

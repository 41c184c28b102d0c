package dev.subprocess.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.subprocess.processor.Compilations.compile;
import static dev.subprocess.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Records that refer to themselves: the processor checks each record's components once, whatever
 * its type arguments, so that a type that grows at each level ({@code Node<T>} holding a {@code
 * Node<List<T>>}) ends the walk. Such a value is finite, so it transfers, as it does at run time.
 */
class RecursiveTypesTest {
  @Test
  void recursiveRecords_areTransferable() {
    Compilation compilation = compile("good/RecursiveRecords.java");

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.PruneProcess");
    assertThat(compilation).generatedSourceFile("com.acme.RenumberProcess");
    assertThat(compilation).generatedSourceFile("com.acme.DepthProcess");
  }

  @Test
  void recursiveGenericRecordWithNotTransferableComponent_isRejected() {
    JavaFileObject source = source("bad/RecursiveRecordComponent.java");
    TypeFault fault = new TypeFault(
        TypeFault.Kind.NOT_TRANSFERABLE,
        TypeFault.Slot.component("owner", "Node<String>"),
        "Thread",
        "");

    Compilation compilation = compile("bad/RecursiveRecordComponent.java");

    assertThat(compilation)
        .hadErrorContaining(Messages.parameterFault("node", "Node<String>", fault))
        .inFile(source)
        .onLineContaining("static void walk(Node<String> node)");
    assertThat(compilation).hadErrorCount(1);
  }
}

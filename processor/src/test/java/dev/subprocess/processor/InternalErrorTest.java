package dev.subprocess.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.subprocess.processor.Compilations.compiler;
import static dev.subprocess.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** A failure inside the processor is an error on the method, never a compiler crash. */
class InternalErrorTest {
  @Test
  void exceptionWhileWriting_isReportedOnTheMethod() {
    JavaFileObject source = source("good/Owner.java");
    ProcessorWithFiler processor =
        ProcessorWithFiler.failing(new IllegalStateException("the disk is full"));

    Compilation compilation = compiler(processor).compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.internalErrorHeadline("com.acme.Owner.greet(String, int)"))
        .inFile(source)
        .onLineContaining("static String greet(String name, int times)");
    assertThat(compilation).hadErrorContaining("java.lang.IllegalStateException: the disk is full");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void errorWhileWriting_isReportedOnTheMethod() {
    JavaFileObject source = source("good/Owner.java");
    ProcessorWithFiler processor =
        ProcessorWithFiler.failing(new StackOverflowError("deep inside the Filer"));

    Compilation compilation = compiler(processor).compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.internalErrorHeadline("com.acme.Owner.greet(String, int)"))
        .inFile(source)
        .onLineContaining("static String greet(String name, int times)");
    assertThat(compilation)
        .hadErrorContaining("java.lang.StackOverflowError: deep inside the Filer");
    assertThat(compilation).hadErrorCount(1);
  }
}

package dev.subprocess.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** Compiles test sources with the processor, with the lints of the project's own build. */
final class Compilations {
  /**
   * All lints but {@code processing}, which only says that no processor claimed
   * {@code @Generated}: true of any processor's output.
   */
  private static final String LINT = "-Xlint:all,-processing";

  private Compilations() {}

  static Compiler compiler(Processor... processors) {
    return javac().withProcessors(processors).withOptions(LINT);
  }

  static Compiler compiler() {
    return compiler(new SubprocessProcessor());
  }

  /** Compiles resources such as {@code "good/Owner.java"}. */
  static Compilation compile(String... resources) {
    return compiler().compile(sources(resources));
  }

  static JavaFileObject source(String resource) {
    return JavaFileObjects.forResource(resource);
  }

  static JavaFileObject[] sources(String... resources) {
    return Stream.of(resources).map(Compilations::source).toArray(JavaFileObject[]::new);
  }
}

package dev.subprocess.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.subprocess.processor.Compilations.compiler;
import static dev.subprocess.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Methods that refer to types another processor generates. */
class RoundsTest {
  @Test
  void typeGeneratedInLaterRound_isWaitedFor() {
    Compilation compilation = compiler(new PayloadGenerator(), new SubprocessProcessor())
        .compile(source("good/Echo.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("com.acme.EchoProcess")
        .contentsAsUtf8String()
        .contains("public EchoProcess(Payload payload)");
  }

  @Test
  void typeNeverDefined_isReportedInLastRound() {
    JavaFileObject source = source("bad/UndefinedType.java");
    ProcessorWithFiler processor = ProcessorWithFiler.recording();
    Compilation compilation = compiler(processor).compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.undefinedType("handle", "Missing"))
        .inFile(source)
        .onLineContaining("static void handle(Missing missing)");
    assertThat(compilation).hadErrorCount(2); // javac's "cannot find symbol", and ours
    assertThat(processor.written()).isEmpty();
  }

  /** Generates {@code com.acme.Payload} in the first round, as AutoValue and its kin would. */
  private static final class PayloadGenerator extends AbstractProcessor {
    private boolean generated;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!generated) {
        generated = true;
        try (Writer writer =
            processingEnv.getFiler().createSourceFile("com.acme.Payload").openWriter()) {
          writer.write("package com.acme;\n\npublic record Payload(String text) {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }
}

package dev.subprocess.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.subprocess.processor.Compilations.compile;
import static dev.subprocess.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the processor writes for valid methods, compared with the golden files in expected/. */
class GeneratedCodeTest {
  @Test
  void staticMethod_generatesProcessAndLauncher() {
    Compilation compilation = compile("good/Owner.java");

    assertThat(compilation).succeededWithoutWarnings();
    assertGenerated(compilation, "com.acme.GreetProcess", "expected/GreetProcess.java");
    assertGenerated(compilation, "com.acme.GreetProcessMain", "expected/GreetProcessMain.java");
  }

  @Test
  void voidMethod_generatesProcessOfVoid() {
    Compilation compilation = compile("good/Pinger.java");

    assertThat(compilation).succeededWithoutWarnings();
    assertGenerated(compilation, "com.acme.PingProcess", "expected/PingProcess.java");
    assertGenerated(compilation, "com.acme.PingProcessMain", "expected/PingProcessMain.java");
  }

  @Test
  void methodReturningRecord_generatesProcessOfRecord() {
    Compilation compilation = compile("good/Orders.java");

    assertThat(compilation).succeededWithoutWarnings();
    assertGenerated(compilation, "com.acme.PlaceProcess", "expected/PlaceProcess.java");
    assertGenerated(compilation, "com.acme.PlaceProcessMain", "expected/PlaceProcessMain.java");
  }

  @Test
  void recordInstanceMethod_takesRecordAsFirstArgument() {
    Compilation compilation = compile("good/Sleeper.java");

    assertThat(compilation).succeededWithoutWarnings();
    assertGenerated(compilation, "com.acme.SleeperProcess", "expected/SleeperProcess.java");
    assertGenerated(
        compilation, "com.acme.SleeperProcessMain", "expected/SleeperProcessMain.java");
  }

  @Test
  void methodOfStaticNestedClass_generatesTopLevelClasses() {
    Compilation compilation = compile("good/Outer.java");

    assertThat(compilation).succeededWithoutWarnings();
    assertGenerated(compilation, "com.acme.SquareProcess", "expected/SquareProcess.java");
    assertGenerated(compilation, "com.acme.SquareProcessMain", "expected/SquareProcessMain.java");
  }

  @Test
  void packageWithOwnProcessAndTask_getsQualifiedRuntimeNames() {
    Compilation compilation =
        compile("good/shadow/Process.java", "good/shadow/Task.java", "good/shadow/Greeter.java");

    assertThat(compilation).succeededWithoutWarnings();
    assertGenerated(
        compilation, "com.acme.shadow.HelloProcess", "expected/shadow/HelloProcess.java");
    assertGenerated(
        compilation, "com.acme.shadow.HelloProcessMain", "expected/shadow/HelloProcessMain.java");
  }

  @Test
  void packageWithOwnJavaLangNames_getsQualifiedJavaLangNames() {
    Compilation compilation =
        compile("good/lang/Override.java", "good/lang/String.java", "good/lang/Texts.java");

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("com.acme.lang.UpperProcessMain")
        .contentsAsUtf8String()
        .contains("@java.lang.Override");
  }

  @Test
  void containersEnumArrayClassNameAndJvmOptions_generateAsDeclared() {
    Compilation compilation = compile("good/Reports.java");

    assertThat(compilation).succeededWithoutWarnings();
    assertGenerated(compilation, "com.acme.ReportJob", "expected/ReportJob.java");
    assertGenerated(compilation, "com.acme.ReportJobMain", "expected/ReportJobMain.java");
  }

  @Test
  void everyTransferableType_compilesWithoutWarnings() {
    Compilation compilation = compile("good/Transferables.java");

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("com.acme.JoinProcess")
        .contentsAsUtf8String()
        .contains("public JoinProcess(String... parts)");
    assertThat(compilation)
        .generatedSourceFile("com.acme.JoinProcess")
        .contentsAsUtf8String()
        .contains("new Call<>(JoinProcessMain.ENTRY, (Object) parts)");
    assertThat(compilation)
        .generatedSourceFile("com.acme.CountVarargListsProcess")
        .contentsAsUtf8String()
        .contains("public CountVarargListsProcess(List<String>[] lists)");
  }

  @Test
  void receiverNamedLikeAParameter_getsAnotherName() {
    Compilation compilation = compile("good/Transferables.java");

    assertThat(compilation)
        .generatedSourceFile("com.acme.CountProcess")
        .contentsAsUtf8String()
        .contains(
            "public CountProcess(Transferables.Counter counter2, int counter,"
                + " Transferables.Color color)");
  }

  @Test
  void launcher_isListedInIndex() {
    Compilation compilation = compile("good/Owner.java");

    assertThat(compilation)
        .generatedFile(
            StandardLocation.CLASS_OUTPUT,
            "META-INF/dev.subprocess/entries/com.acme.GreetProcessMain")
        .contentsAsUtf8String()
        .isEmpty();
  }

  @Test
  void ownOutputOfEarlierBuild_onClassPath_isNoCollision(@TempDir Path earlierBuild)
      throws IOException {
    for (JavaFileObject file : compile("good/Owner.java").generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        Path target = earlierBuild.resolve(file.toUri().getPath().replace("/CLASS_OUTPUT/", ""));
        Files.createDirectories(target.getParent());
        try (InputStream in = file.openInputStream()) {
          Files.copy(in, target);
        }
      }
    }
    List<File> classPath = new ArrayList<>();
    classPath.add(earlierBuild.toFile());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classPath.add(new File(entry));
    }

    Compilation compilation =
        Compilations.compiler().withClasspath(classPath).compile(source("good/Owner.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.GreetProcess");
  }

  /** Same trees, and also the same text: the golden file is the exact output. */
  private static void assertGenerated(Compilation compilation, String className, String golden) {
    JavaFileObject expected = source(golden);
    assertThat(compilation).generatedSourceFile(className).hasSourceEquivalentTo(expected);
    assertThat(compilation)
        .generatedSourceFile(className)
        .contentsAsUtf8String()
        .isEqualTo(contents(expected));
  }

  private static String contents(JavaFileObject file) {
    try {
      return file.getCharContent(false).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

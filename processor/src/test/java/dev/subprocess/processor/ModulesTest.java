package dev.subprocess.processor;

import static com.google.common.truth.Truth.assertThat;

import dev.subprocess.Subprocess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a named module, {@code @Generated} is written only where the module can read it. The
 * compilations run on files, since compile-testing's in-memory files do not support modules.
 */
class ModulesTest {
  @TempDir Path directory;

  /** Another module has brought java.compiler into the graph, but this one does not read it. */
  @Test
  void moduleNotReadingJavaCompiler_getsNoGeneratedAnnotation() throws Exception {
    String generated =
        compileModule("good/modular/module-info.java", "--add-modules", "java.compiler");

    assertThat(generated).doesNotContain("@Generated");
  }

  @Test
  void moduleRequiringJavaCompiler_getsGeneratedAnnotation() throws Exception {
    String generated = compileModule("good/modularWithCompiler/module-info.java");

    assertThat(generated).contains("@Generated(\"dev.subprocess.processor.SubprocessProcessor\")");
  }

  /** Compiles the module with {@code good/Owner.java}; returns the generated GreetProcess. */
  private String compileModule(String moduleInfo, String... options)
      throws IOException, URISyntaxException {
    Path sources = Files.createDirectories(directory.resolve("src/com/acme"));
    copy(moduleInfo, directory.resolve("src/module-info.java"));
    copy("good/Owner.java", sources.resolve("Owner.java"));
    Path generated = Files.createDirectories(directory.resolve("generated"));
    Path classes = Files.createDirectories(directory.resolve("classes"));
    List<String> allOptions = new ArrayList<>(List.of(
        // The runtime is an automatic module, which this lint warns about.
        "-Xlint:all,-processing,-requires-automatic",
        "--module-path", runtimeJar().toString(),
        "-s", generated.toString(),
        "-d", classes.toString()));
    allOptions.addAll(List.of(options));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
      JavaCompiler.CompilationTask task = javac.getTask(
          null,
          files,
          diagnostics,
          allOptions,
          null,
          files.getJavaFileObjects(
              directory.resolve("src/module-info.java"), sources.resolve("Owner.java")));
      task.setProcessors(List.of(new SubprocessProcessor()));

      assertThat(task.call()).isTrue();
    }
    assertThat(diagnostics.getDiagnostics()).isEmpty();
    return Files.readString(generated.resolve("com/acme/GreetProcess.java"));
  }

  private static void copy(String resource, Path target) throws IOException {
    try (InputStream in = ModulesTest.class.getClassLoader().getResourceAsStream(resource)) {
      Files.copy(in, target);
    }
  }

  /** The runtime as a module: its jar, or one made of its classes when the build has no jar. */
  private Path runtimeJar() throws IOException, URISyntaxException {
    Path runtime =
        Path.of(Subprocess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isRegularFile(runtime)) {
      return runtime;
    }
    Path jar = directory.resolve("subprocess-runtime.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Automatic-Module-Name", "dev.subprocess");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        Stream<Path> classes = Files.walk(runtime)) {
      for (Path member : classes.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(runtime.relativize(member).toString().replace('\\', '/')));
        Files.copy(member, out);
      }
    }
    return jar;
  }
}

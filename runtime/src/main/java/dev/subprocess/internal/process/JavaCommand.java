package dev.subprocess.internal.process;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place where a {@code java} command is made, for every JVM the runtime starts: this JVM's
 * own {@code java} executable, class path and module path, so that a child runs the same code.
 * Stateless; safe for use by several threads.
 */
public final class JavaCommand {
  /** This JVM's {@code java} executable. */
  public static final String JAVA =
      Paths.get(System.getProperty("java.home"), "bin", "java").toString();

  private JavaCommand() {}

  /**
   * {@code java <jvmOptions> -cp <class path> --module-path <module path> -D<name>=<value>
   * <mainClass>}: this JVM's class path and module path (each left out when empty), then one
   * system property, then the main class. Nothing else goes on a command line, which any user of
   * the machine can read.
   */
  public static List<String> of(
      List<String> jvmOptions, String property, String value, String mainClass) {
    List<String> command = new ArrayList<>();
    command.add(JAVA);
    command.addAll(jvmOptions);
    String classPath = System.getProperty("java.class.path");
    if (classPath != null && !classPath.isEmpty()) {
      command.add("-cp");
      command.add(classPath);
    }
    String modulePath = System.getProperty("jdk.module.path");
    if (modulePath != null && !modulePath.isEmpty()) {
      command.add("--module-path");
      command.add(modulePath);
    }
    command.add("-D" + property + "=" + value);
    command.add(mainClass);
    return command;
  }

  /**
   * {@code java <jvmOptions> -version}: what tells, by failing the same way, whether a JVM that
   * could not start was refused its options.
   */
  public static List<String> version(List<String> jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(JAVA);
    command.addAll(jvmOptions);
    command.add("-version");
    return command;
  }
}

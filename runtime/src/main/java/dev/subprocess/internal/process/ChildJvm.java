package dev.subprocess.internal.process;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Starts a child JVM: this JVM's {@code java}, class path and module path, the given options, a
 * system property that names the child, and its main class (see {@link JavaCommand}). Nothing else
 * is on its command line: what it is given travels over its standard input (see {@link
 * Bootstrap}), which is closed once the bootstrap is written. Its standard output and error are
 * this JVM's.
 */
public final class ChildJvm {
  /** The system property that names a child started by the runtime: {@code Process-3}. */
  public static final String CHILD_PROPERTY = "dev.subprocess.child";

  private ChildJvm() {}

  /**
   * Starts the child and registers it with {@link Children}.
   *
   * @param name the child's name, shown on its command line
   * @param mainClass the binary name of its main class
   */
  public static java.lang.Process start(
      List<String> jvmOptions, String name, String mainClass, boolean daemon) {
    ProcessBuilder builder =
        new ProcessBuilder(JavaCommand.of(jvmOptions, CHILD_PROPERTY, name, mainClass))
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    java.lang.Process child;
    try {
      child = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + JavaCommand.JAVA + " for " + name, e);
    }
    Children.add(child, daemon);
    return child;
  }

  /**
   * Hands the child its bootstrap, then closes its standard input: after the bootstrap, the child
   * reads end-of-file there. A payload larger than a pipe holds is written by a thread of its own,
   * so that {@code start()} never waits for the child JVM to boot.
   */
  public static void sendBootstrap(java.lang.Process child, byte[] frame, String name) {
    OutputStream stdin = child.getOutputStream();
    if (frame.length <= Bootstrap.PIPE_CAPACITY) {
      write(stdin, frame);
    } else {
      Thread writer = new Thread(new Writer(stdin, frame), "dev.subprocess bootstrap of " + name);
      writer.setDaemon(true);
      writer.start();
    }
  }

  private static void write(OutputStream stdin, byte[] frame) {
    try (stdin) {
      stdin.write(frame);
    } catch (IOException e) {
      // The child died before it read its bootstrap: its exit code will tell why.
    }
  }

  private static final class Writer implements Runnable {
    private final OutputStream stdin;
    private final byte[] frame;

    Writer(OutputStream stdin, byte[] frame) {
      this.stdin = stdin;
      this.frame = frame;
    }

    @Override
    public void run() {
      write(stdin, frame);
    }
  }
}

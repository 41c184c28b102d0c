package dev.subprocess.internal.process;

import dev.subprocess.internal.files.RuntimeDirectory;
import dev.subprocess.internal.wire.Arguments;
import dev.subprocess.internal.wire.WireOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The parent's side of one {@code Process}: the child JVM running one call, and its {@link
 * Outcome} once it has ended. Starting it writes the call on the child's standard input (see
 * {@link ChildMain}); its end is settled by the thread that waits for it (see {@link Children}),
 * which reads and deletes the outcome file.
 */
public final class Child {
  private final java.lang.Process process;
  private final CompletableFuture<Outcome> outcome;

  private Child(java.lang.Process process, CompletableFuture<Outcome> outcome) {
    this.process = process;
    this.outcome = outcome;
  }

  /**
   * Starts a child JVM that runs {@code call}. The arguments are encoded on the calling thread,
   * before the JVM starts.
   *
   * @throws IllegalArgumentException if an argument is not transferable; nothing is started
   */
  public static Child start(Invocation<?> call, String name, boolean daemon) {
    Path outcomeFile = RuntimeDirectory.newFile("outcome");
    java.lang.Process process;
    byte[] bootstrap;
    try {
      bootstrap = bootstrap(outcomeFile, call.arguments());
      Target<?> target = call.target();
      process = ChildJvm.start(target.jvmOptions(), name, target.id(), daemon);
    } catch (RuntimeException e) {
      deleteQuietly(outcomeFile);
      throw e;
    }
    ChildJvm.sendBootstrap(process, bootstrap, name);
    CompletableFuture<Outcome> outcome =
        Children.exited(process).thenApply(new Settle(outcomeFile));
    return new Child(process, outcome);
  }

  private static byte[] bootstrap(Path outcomeFile, Object[] arguments) {
    WireOutput body = Bootstrap.body();
    body.writeString(outcomeFile.toString());
    Arguments.write(body, arguments);
    return Bootstrap.frame(body);
  }

  public long pid() {
    return process.pid();
  }

  /** The child's OS process, for what must follow its life. */
  public java.lang.Process process() {
    return process;
  }

  /** The outcome, completed once the child has ended and its outcome file is read. */
  public CompletableFuture<Outcome> outcome() {
    return outcome;
  }

  /** SIGTERM. */
  public void terminate() {
    process.destroy();
  }

  /** SIGKILL. */
  public void kill() {
    process.destroyForcibly();
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (java.io.IOException e) {
      // The folder is removed at exit anyway.
    }
  }

  private static final class Settle implements Function<java.lang.Process, Outcome> {
    private final Path outcomeFile;

    Settle(Path outcomeFile) {
      this.outcomeFile = outcomeFile;
    }

    @Override
    public Outcome apply(java.lang.Process ended) {
      return Outcome.read(ended.exitValue(), outcomeFile);
    }
  }
}

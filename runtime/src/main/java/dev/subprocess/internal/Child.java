package dev.subprocess.internal;

import dev.subprocess.internal.handle.Transfers;
import dev.subprocess.internal.wire.Values;
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
   * Starts a child JVM that runs {@code call}.
   *
   * @throws IllegalArgumentException if an argument is not transferable; nothing is started
   */
  public static Child start(Call<?> call, String name, boolean daemon) {
    Path outcomeFile = RuntimeDirectory.newFile("outcome");
    byte[] bootstrap;
    // Pipe ends among the arguments move to the child: it is told if the child ends unused.
    Transfers transfers = Transfers.begin();
    try {
      bootstrap = bootstrap(outcomeFile, call.arguments());
    } catch (RuntimeException e) {
      deleteQuietly(outcomeFile);
      transfers.notSent();
      throw e;
    } finally {
      transfers.end();
    }
    java.lang.Process process;
    try {
      process = ChildJvm.start(call.entry().jvmOptions(), name, call.entry().id(), daemon);
    } catch (RuntimeException e) {
      deleteQuietly(outcomeFile);
      transfers.notSent();
      throw e;
    }
    transfers.sentTo(process);
    ChildJvm.sendBootstrap(process, bootstrap, name);
    CompletableFuture<Outcome> outcome =
        Children.exited(process).thenApply(new Settle(outcomeFile));
    return new Child(process, outcome);
  }

  private static byte[] bootstrap(Path outcomeFile, Object[] arguments) {
    WireOutput body = Bootstrap.body();
    body.writeString(outcomeFile.toString());
    body.writeVarInt(arguments.length);
    for (Object argument : arguments) {
      Values.write(body, argument);
    }
    return Bootstrap.frame(body);
  }

  public long pid() {
    return process.pid();
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

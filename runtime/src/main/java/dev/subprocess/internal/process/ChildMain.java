package dev.subprocess.internal.process;

import dev.subprocess.internal.wire.Arguments;
import dev.subprocess.internal.wire.WireInput;
import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The child's side of a {@code Process}: reads the bootstrap (the outcome file's path, then the
 * arguments), runs the method, records its value or its exception, and exits 0 or 1.
 *
 * <p>Bootstrap body: {@code string outcomePath, arguments} (see {@link Arguments}).
 */
public final class ChildMain {
  private ChildMain() {}

  /** Runs {@code target} as this JVM's main program, as its parent asked, then exits. */
  public static void run(Target<?> target) {
    InputStream stdin = System.in;
    WireInput bootstrap = Bootstrap.read(stdin);
    OutcomeWriter outcome = openOutcome(bootstrap.readString());
    outcome.handleSignals();
    // The child's own code sees an empty standard input, whatever the bootstrap left buffered.
    System.setIn(new ByteArrayInputStream(new byte[0]));
    ParentWatch.start();
    Runtime.getRuntime().addShutdownHook(new Thread(outcome, "dev.subprocess exit"));

    int status;
    try {
      Object value = target.call(Arguments.read(bootstrap, target.parameterTypes().size()));
      outcome.returned(value);
      status = 0;
    } catch (Throwable t) {
      status = 1;
      recordFailure(outcome, t, target);
    }
    System.exit(status);
  }

  /** Records {@code t}, or if that fails (a broken exception, say) what can be said of it. */
  private static void recordFailure(OutcomeWriter outcome, Throwable t, Target<?> target) {
    try {
      outcome.threw(StackTraces.trimmed(t, target));
    } catch (Throwable recording) {
      try {
        outcome.threw(
            new IllegalStateException(
                "the method threw " + t.getClass().getName() + ", which could not be recorded: "
                    + recording));
      } catch (Throwable ignored) {
        // Exit code 1 alone will tell the parent.
      }
    }
  }

  private static OutcomeWriter openOutcome(String path) {
    try {
      return new OutcomeWriter(new FileOutputStream(path, true));
    } catch (IOException e) {
      // IOException rather than FileNotFoundException: one class fewer for a child to load.
      throw new IllegalStateException("cannot open the outcome file " + path, e);
    }
  }
}

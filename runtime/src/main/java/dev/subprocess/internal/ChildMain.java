package dev.subprocess.internal;

import dev.subprocess.internal.wire.Values;
import dev.subprocess.internal.wire.WireInput;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.InputStream;

/**
 * The child's side of a {@code Process}: reads the bootstrap (the outcome file's path, then the
 * arguments), runs the method, records its value or its exception, and exits 0 or 1.
 *
 * <p>Bootstrap body: {@code string outcomePath, varint count, value[count] arguments}.
 */
final class ChildMain {
  private ChildMain() {}

  static void run(Entry<?> entry) {
    InputStream stdin = System.in;
    WireInput bootstrap = Bootstrap.read(stdin);
    OutcomeWriter outcome = openOutcome(bootstrap.readString());
    Signals.install(outcome);
    // The child's own code sees an empty standard input, whatever the bootstrap left buffered.
    System.setIn(new ByteArrayInputStream(new byte[0]));
    ParentWatch.start();
    Runtime.getRuntime().addShutdownHook(new Thread(outcome, "dev.subprocess exit"));

    int status;
    try {
      Object value = entry.call(readArguments(bootstrap));
      outcome.returned(value);
      status = 0;
    } catch (Throwable t) {
      status = 1;
      recordFailure(outcome, t, entry);
    }
    System.exit(status);
  }

  /** Records {@code t}, or if that fails (a broken exception, say) what can be said of it. */
  private static void recordFailure(OutcomeWriter outcome, Throwable t, Entry<?> entry) {
    try {
      outcome.threw(StackTraces.trimmed(t, entry));
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

  /** The body after the outcome path, as {@link Child} wrote it. */
  private static Object[] readArguments(WireInput in) {
    int count = in.readVarInt();
    Object[] arguments = new Object[count];
    for (int i = 0; i < count; i++) {
      arguments[i] = Values.read(in);
    }
    return arguments;
  }

  private static OutcomeWriter openOutcome(String path) {
    try {
      return new OutcomeWriter(new FileOutputStream(path, true));
    } catch (FileNotFoundException e) {
      throw new IllegalStateException("cannot open the outcome file " + path, e);
    }
  }
}

package dev.subprocess.internal.wire;

import java.util.List;
import java.util.Objects;

/**
 * A failure read from another JVM, as data: what {@link Failures#readFailure} returns, and what
 * the API turns into the exception a user sees. No remote class is loaded: the class name is a
 * string.
 *
 * @param className the binary name of the remote exception's class
 * @param message its message, or null
 * @param frames its stack frames, innermost call first
 * @param cause its cause, or null
 * @param suppressed the exceptions it suppressed
 */
public record RemoteFailure(
    String className,
    String message,
    List<StackTraceElement> frames,
    RemoteFailure cause,
    List<RemoteFailure> suppressed) {

  public RemoteFailure {
    Objects.requireNonNull(className, "className");
    frames = List.copyOf(frames);
    suppressed = List.copyOf(suppressed);
  }

  /** Reads like the remote exception's own {@code toString()}: its class name and message. */
  @Override
  public String toString() {
    return message == null ? className : className + ": " + message;
  }
}

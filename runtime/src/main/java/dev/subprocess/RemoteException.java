package dev.subprocess;

import dev.subprocess.internal.wire.Failures;
import dev.subprocess.internal.wire.RemoteFailure;
import java.util.function.Function;

/**
 * An exception thrown in another JVM, carried here as data: its class name, its message, its own
 * stack frames (as this exception's stack trace) and its causes (as this exception's causes).
 *
 * <p>The remote class is never loaded nor instantiated here, so no code of it runs in this JVM;
 * {@link #className()} says what it was.
 */
public class RemoteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static {
    // A RemoteException rethrown here travels on under the name of the class it stands for.
    Failures.representing(RemoteException.class, new ClassNameOf());
  }

  private final String className;

  /**
   * @param className the binary name of the remote exception's class
   * @param message the remote exception's message, or null
   * @param stackTrace the remote exception's frames
   * @param cause the remote cause, or null
   */
  // setStackTrace is Throwable's own; a subclass that overrides it is given the remote frames,
  // which is what it asks for.
  @SuppressWarnings("this-escape")
  public RemoteException(
      String className, String message, StackTraceElement[] stackTrace, RemoteException cause) {
    super(message, cause);
    this.className = className;
    setStackTrace(stackTrace);
  }

  /** The exception that stands for {@code failure}: its causes and suppressed ones too. */
  static RemoteException of(RemoteFailure failure) {
    RemoteException cause = failure.cause() == null ? null : of(failure.cause());
    RemoteException exception =
        new RemoteException(
            failure.className(), failure.message(),
            failure.frames().toArray(new StackTraceElement[0]), cause);
    for (RemoteFailure suppressed : failure.suppressed()) {
      exception.addSuppressed(of(suppressed));
    }
    return exception;
  }

  /** The binary name of the remote exception's class, for example {@code java.io.IOException}. */
  public String className() {
    return className;
  }

  /** Reads like the remote exception's own {@code toString()}: its class name and message. */
  @Override
  public String toString() {
    String message = getLocalizedMessage();
    return message == null ? className : className + ": " + message;
  }

  private static final class ClassNameOf implements Function<Throwable, String> {
    @Override
    public String apply(Throwable remote) {
      return ((RemoteException) remote).className();
    }
  }
}

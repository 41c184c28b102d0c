package dev.subprocess;

/**
 * An exception thrown in another JVM, carried here as data: its class name, its message, its own
 * stack frames (as this exception's stack trace) and its causes (as this exception's causes).
 *
 * <p>The remote class is never loaded nor instantiated here, so no code of it runs in this JVM;
 * {@link #className()} says what it was.
 */
public class RemoteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

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
}

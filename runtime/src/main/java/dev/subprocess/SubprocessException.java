package dev.subprocess;

/**
 * A child JVM, or a pool worker, did not return a value: the method threw (exit code 1, and a
 * {@link RemoteException} as the cause), called {@code System.exit} (even with 0), or the JVM died;
 * or its outcome could not be recorded or read.
 *
 * <p>Also thrown by {@link Process#run()} for a checked exception of the method run in this JVM.
 */
public class SubprocessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final long pid;

  /**
   * @param message what failed; it should name the exit code and the pid
   * @param exitCode as {@link Process#exitCode()} reports it (−N for a death by signal N)
   * @param pid the OS pid of the child or worker that failed
   * @param cause a {@link RemoteException} when the method threw, else null or a local cause
   */
  public SubprocessException(String message, int exitCode, long pid, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.pid = pid;
  }

  /** The exit code, as {@link Process#exitCode()} reports it. */
  public int exitCode() {
    return exitCode;
  }

  /** The OS pid of the child or worker that failed. */
  public long pid() {
    return pid;
  }
}

package dev.subprocess.internal.wire;

/**
 * Bytes that are not a valid message: truncated, an unknown tag, a length larger than what is
 * left, invalid UTF-8, a class name that is not transferable. The message says what was wrong and,
 * when known, at which offset of the input.
 */
public class MalformedMessageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int offset;

  /** A problem at no particular offset, such as a frame header that does not match. */
  public MalformedMessageException(String problem) {
    super(problem);
    this.offset = -1;
  }

  /** A problem found at {@code offset}, counted from the start of the input. */
  public MalformedMessageException(String problem, int offset) {
    this(problem, offset, null);
  }

  /** A problem found at {@code offset} (from the start of the input), due to {@code cause}. */
  public MalformedMessageException(String problem, int offset, Throwable cause) {
    super(problem + " at offset " + offset, cause);
    this.offset = offset;
  }

  /** The offset in the input at which the problem was found, or -1 when unknown. */
  public int offset() {
    return offset;
  }
}

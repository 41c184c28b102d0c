package dev.subprocess.internal.ring;

/**
 * The bytes of a ring are not records: its writer is not this runtime, or wrote past its bounds.
 * The ring is unusable from then on; whoever reads it drops the writer.
 */
public final class CorruptRingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CorruptRingException(String problem) {
    super("corrupt ring: " + problem);
  }
}

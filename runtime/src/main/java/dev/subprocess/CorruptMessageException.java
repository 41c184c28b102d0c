package dev.subprocess;

/**
 * A message that arrived from another process but cannot be decoded: truncated or altered bytes,
 * a class that this JVM's class path lacks or that has changed (a record with other components,
 * an enum without that constant), a record whose constructor refuses the components, or a message
 * forged to exhaust the decoder. Thrown by {@link Queue#get()}, {@link
 * Queue#get(java.time.Duration)} and {@link Connection#recv()}; the element or message is
 * consumed, and the queue or the end stays usable.
 *
 * <p>The message says what was wrong and where in the bytes.
 */
public class CorruptMessageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what was wrong with the bytes */
  public CorruptMessageException(String message) {
    super(message);
  }
}

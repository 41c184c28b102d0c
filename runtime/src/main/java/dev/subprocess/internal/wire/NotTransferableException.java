package dev.subprocess.internal.wire;

/**
 * A value that cannot be written, thrown from deep inside the value and told where it is by each
 * enclosing container on the way out ({@link #at}), innermost first. {@link Values#write} turns it
 * into a plain {@link IllegalArgumentException} with the same message.
 */
final class NotTransferableException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  /** Places kept in the message; the outer ones of a deeply nested value add nothing. */
  private static final int MAX_PLACES = 6;

  private final String subject;
  private final String detail;
  private String places = "";
  private int placeCount;

  /**
   * @param subject what was refused, e.g. "java.lang.Thread is not transferable"
   * @param detail what follows the places, e.g. "; transferable are ..."
   */
  NotTransferableException(String subject, String detail) {
    super(subject);
    this.subject = subject;
    this.detail = detail;
  }

  /** Adds the place, e.g. "element 3 of a java.util.ArrayList", of what was refused so far. */
  NotTransferableException at(String place) {
    if (placeCount < MAX_PLACES) {
      places = placeCount == 0 ? place : places + ", in " + place;
    } else if (placeCount == MAX_PLACES) {
      places += ", ...";
    }
    placeCount++;
    return this;
  }

  @Override
  public String getMessage() {
    return places.isEmpty() ? subject + detail : subject + " (" + places + ")" + detail;
  }
}

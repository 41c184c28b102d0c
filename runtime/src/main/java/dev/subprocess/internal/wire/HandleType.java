package dev.subprocess.internal.wire;

/**
 * How one type of handle travels: by reference, as whatever lets the receiving JVM reach the same
 * object (a queue, a pipe end, a lock...), not as a copy. {@link Values} writes the handle type's
 * tag, then calls {@link #write} for the bytes after it; reading that tag, it calls {@link #read},
 * which must read exactly those bytes.
 *
 * <p>A handle type is registered once per JVM with {@link HandleTypes#register}, by its own class's
 * static initializer, as Python's {@code ForkingPickler.register} does: this package knows no
 * handle type. Its methods are called from any thread.
 *
 * @param <H> the handle's class; values of exactly this class (not of a subclass) travel this way
 */
public abstract class HandleType<H> {
  private final Class<? super H> type;
  private final byte tag;

  /**
   * @param type the handle's class
   * @param tag its tag, from {@link HandleTypes#FIRST_TAG} to {@link HandleTypes#LAST_TAG}
   */
  protected HandleType(Class<? super H> type, int tag) {
    if (tag < HandleTypes.FIRST_TAG || tag > HandleTypes.LAST_TAG) {
      throw new IllegalArgumentException(
          "a handle's tag is from 0x" + Integer.toHexString(HandleTypes.FIRST_TAG) + " to 0x"
              + Integer.toHexString(HandleTypes.LAST_TAG) + ": 0x" + Integer.toHexString(tag));
    }
    this.type = type;
    this.tag = (byte) tag;
  }

  /** Writes what lets another JVM reach the object behind {@code handle}. */
  protected abstract void write(WireOutput out, H handle);

  /**
   * Reads what {@link #write} wrote: a handle on the same object.
   *
   * @throws MalformedMessageException if the bytes are not such a handle
   */
  protected abstract H read(WireInput in);

  /**
   * Called when the message {@code handle} was read from fails to decode after it, so that nobody
   * will ever see the handle. A handle whose reading made this JVM the holder of something (a pipe
   * end, which moves to whoever reads it) gives it up here, so that no other process waits for it
   * forever. By default, nothing.
   */
  protected void abandon(H handle) {}

  final Class<?> type() {
    return type;
  }

  final byte tag() {
    return tag;
  }

  /** Writes {@code value}, whose class {@link HandleTypes#of} found to be {@link #type()}. */
  @SuppressWarnings("unchecked") // the value's class is the type's, and H erases to it
  final void writeValue(WireOutput out, Object value) {
    write(out, (H) value);
  }

  @SuppressWarnings("unchecked") // the value was read by this type, as an H
  final void abandonValue(Object value) {
    abandon((H) value);
  }
}

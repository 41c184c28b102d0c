package dev.subprocess.internal.wire;

/**
 * The codec of a call's arguments, wherever a call travels (a child's bootstrap, a pool's task, an
 * initializer): {@code varint count, value[count]}.
 *
 * <p>The count is bounded before anything is allocated for it: at most {@link #MAX_COUNT}, the
 * most parameters a Java method can have, and at most one per byte that remains, since every value
 * takes at least one. A reader that knows the method asks for its exact count. Stateless.
 */
public final class Arguments {
  /** The most parameters a Java method can have (the class file's limit). */
  public static final int MAX_COUNT = 255;

  private Arguments() {}

  /**
   * Appends {@code arguments}: all of them, or nothing if one is not transferable.
   *
   * @throws IllegalArgumentException if an argument is not transferable, or there are more than
   *     {@link #MAX_COUNT}
   */
  public static void write(WireOutput out, Object[] arguments) {
    if (arguments.length > MAX_COUNT) {
      throw new IllegalArgumentException(
          arguments.length + " arguments; a method takes at most " + MAX_COUNT);
    }
    int start = out.size();
    try {
      out.writeVarInt(arguments.length);
      for (Object argument : arguments) {
        Values.write(out, argument);
      }
    } catch (RuntimeException | Error e) {
      out.truncate(start);
      throw e;
    }
  }

  /**
   * Reads the arguments of a method that takes {@code expected} of them.
   *
   * @throws MalformedMessageException if the count is not {@code expected}, or a value is malformed
   */
  public static Object[] read(WireInput in, int expected) {
    int at = in.position();
    int count = in.readVarInt();
    if (count != expected) {
      throw new MalformedMessageException(
          count + " arguments for a method that takes " + expected, at);
    }
    return values(in, count, at);
  }

  /**
   * Reads arguments for a method not known yet.
   *
   * @throws MalformedMessageException if the count is above {@link #MAX_COUNT} or more than the
   *     bytes that remain can hold, or a value is malformed
   */
  public static Object[] read(WireInput in) {
    int at = in.position();
    int count = in.readVarInt();
    if (count > MAX_COUNT) {
      throw new MalformedMessageException(
          count + " arguments; a method takes at most " + MAX_COUNT, at);
    }
    return values(in, count, at);
  }

  private static Object[] values(WireInput in, int count, int at) {
    if (count > in.remaining()) {
      throw new MalformedMessageException(
          count + " arguments do not fit in the " + in.remaining() + " bytes that remain", at);
    }
    Object[] arguments = new Object[count];
    for (int i = 0; i < count; i++) {
      arguments[i] = Values.read(in);
    }
    return arguments;
  }
}

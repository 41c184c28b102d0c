package dev.subprocess.internal;

import dev.subprocess.Task;
import dev.subprocess.internal.process.Invocation;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link Task}: one entry with its arguments, created by generated code; to the mechanisms, an
 * {@link Invocation}. Immutable as far as this class goes: the argument array is copied, its
 * elements are the caller's.
 *
 * @param <R> the entry's return type
 */
// Invocation is how the runtime reads a task; generated code never names it, so it stays unexported.
@SuppressWarnings("exports")
public final class Call<R> implements Task<R>, Invocation<R> {
  private final Entry<R> entry;
  private final Object[] arguments;

  public Call(Entry<R> entry, Object... arguments) {
    this.entry = Objects.requireNonNull(entry, "entry");
    if (arguments.length != entry.parameterTypes().size()) {
      throw new IllegalArgumentException(
          entry.method() + " takes " + entry.parameterTypes().size() + " arguments, not "
              + arguments.length);
    }
    this.arguments = arguments.clone();
  }

  /** The call behind a task, or an {@code IllegalArgumentException} for a task made elsewhere. */
  // A Call is the only Task, and a Call<R> is always created as a Task<R>.
  @SuppressWarnings("unchecked")
  public static <R> Call<R> of(Task<R> task) {
    Objects.requireNonNull(task, "task");
    if (task instanceof Call) {
      return (Call<R>) task;
    }
    throw new IllegalArgumentException(
        "a Task must come from a generated task(...) method, not from "
            + task.getClass().getName());
  }

  public Entry<R> entry() {
    return entry;
  }

  @Override
  public Entry<R> target() {
    return entry;
  }

  /** A copy of the arguments. */
  @Override
  public Object[] arguments() {
    return arguments.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Call
        && ((Call<?>) o).entry == entry
        && Arrays.deepEquals(((Call<?>) o).arguments, arguments);
  }

  @Override
  public int hashCode() {
    return entry.hashCode() * 31 + Arrays.deepHashCode(arguments);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(entry.method()).append('(');
    for (int i = 0; i < arguments.length; i++) {
      if (i > 0) {
        s.append(", ");
      }
      String argument = Arrays.deepToString(new Object[] {arguments[i]});
      s.append(argument, 1, argument.length() - 1);
    }
    return s.append(')').toString();
  }
}

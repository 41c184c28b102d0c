package dev.subprocess.internal.process;

/**
 * One call of a {@link Target} with its arguments: what a {@code Process} runs in its child, or
 * here by {@code run()}. Implementations are immutable and safe for use by several threads.
 *
 * @param <R> the target's return type
 */
public interface Invocation<R> {
  /** The method to call. */
  Target<R> target();

  /** A copy of the arguments, of the target's parameter types, in order. */
  Object[] arguments();

  /**
   * The invocation behind a user's task: generated code makes every task one.
   *
   * @throws NullPointerException if {@code task} is null
   * @throws IllegalArgumentException for a task made elsewhere
   */
  @SuppressWarnings("unchecked") // generated code's Task<R> is an Invocation<R> of the same R
  static <R> Invocation<R> of(Object task) {
    if (task == null) {
      throw new NullPointerException("task");
    }
    if (task instanceof Invocation) {
      return (Invocation<R>) task;
    }
    throw new IllegalArgumentException(
        "a Task must come from a generated task(...) method, not from "
            + task.getClass().getName());
  }
}

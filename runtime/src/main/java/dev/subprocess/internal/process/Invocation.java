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
}

package dev.subprocess;

/**
 * An immutable call of one {@link Subprocess @Subprocess} method with its arguments, made by the
 * generated {@code task(...)} method, for example {@code SquareProcess.task(5)}; a {@link Pool}
 * runs it in one of its workers.
 *
 * <p>Two tasks are equal when they call the same method with equal arguments (arrays compared by
 * content). Only the generated code creates tasks: a {@code Pool} refuses any other implementation.
 *
 * @param <R> the method's return type, boxed; {@code Void} for a {@code void} method
 */
public interface Task<R> {}

/**
 * Python's {@code multiprocessing}, typed and checked at compile time.
 *
 * <p>Annotate a method with {@link dev.subprocess.Subprocess @Subprocess}; the annotation
 * processor generates a {@link dev.subprocess.Process} subclass that runs it in a child JVM and a
 * {@link dev.subprocess.Task} factory for a {@link dev.subprocess.Pool}. Processes talk through
 * {@link dev.subprocess.Queue} and {@link dev.subprocess.Pipe}.
 *
 * <p>Everything in this package is API. Packages under {@code dev.subprocess.internal} are not:
 * generated code uses them, users should not.
 */
package dev.subprocess;

/**
 * How a {@code Process} runs: a child JVM per call. Not API; never depends on {@code
 * dev.subprocess} nor on the bridge {@code dev.subprocess.internal}.
 *
 * <p>The parent starts the launcher class with {@link dev.subprocess.internal.process.ChildJvm}
 * (whose command line {@link dev.subprocess.internal.process.JavaCommand} builds), writes a {@link
 * dev.subprocess.internal.process.Bootstrap} frame on its standard input (the path of an outcome
 * file, then the arguments) and closes it. The child ({@link
 * dev.subprocess.internal.process.ChildMain}) watches its parent ({@link
 * dev.subprocess.internal.process.ParentWatch}) and appends records to the outcome file ({@link
 * dev.subprocess.internal.process.OutcomeWriter}), which the parent reads once the child has ended
 * ({@link dev.subprocess.internal.process.Outcome}): a file, rather than a socket, because opening a
 * Unix socket costs a fresh JVM some 35 ms and a file almost nothing. A failure travels as data:
 * the parent's API turns it into the exceptions a user sees.
 *
 * <p>What is run is an {@link dev.subprocess.internal.process.Invocation}: a {@link
 * dev.subprocess.internal.process.Target} (the method, as the processor described it) and its
 * arguments.
 */
package dev.subprocess.internal.process;

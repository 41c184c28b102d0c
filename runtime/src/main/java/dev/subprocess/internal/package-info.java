/**
 * The bridge between generated code and the runtime: {@link dev.subprocess.internal.Call} (a
 * {@code Task} and an {@code Invocation}), {@link dev.subprocess.internal.Entry} (the superclass of
 * every generated launcher) and {@link dev.subprocess.internal.Launcher} (what a launcher's {@code
 * main} calls). Public only because generated code, in the user's packages, refers to them; not
 * for users, and free to change in any release along with the processor.
 *
 * <p>This package may depend on the API; the API and the mechanisms never depend on it.
 */
package dev.subprocess.internal;

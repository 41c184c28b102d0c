/**
 * Mechanisms behind the API; not for users, and free to change in any release.
 *
 * <p>A {@code Process} child: the parent starts the launcher class with {@link
 * dev.subprocess.internal.ChildJvm}, writes a {@link dev.subprocess.internal.Bootstrap} frame on its
 * standard input (the path of an outcome file, then the arguments) and closes it; the child watches
 * its parent ({@link dev.subprocess.internal.ParentWatch}) and appends records to the
 * outcome file, which the parent reads once the child has ended ({@link
 * dev.subprocess.internal.Outcome}): a file, rather than a socket, because opening a Unix socket
 * costs a fresh JVM some 35 ms and a file almost nothing.
 */
package dev.subprocess.internal;

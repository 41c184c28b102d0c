/**
 * How queues and pipe ends travel between JVMs: the {@linkplain
 * dev.subprocess.internal.handle.Handles codec} of their handles, the {@linkplain
 * dev.subprocess.internal.hub.Hub hub} through which other JVMs reach those of this one, and
 * the {@linkplain dev.subprocess.internal.handle.Transfers transfers} of pipe ends to children.
 * Not API.
 */
package dev.subprocess.internal.handle;

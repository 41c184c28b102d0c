/**
 * How queues and pipe ends are reached between JVMs: the {@linkplain
 * dev.subprocess.internal.hub.Hub hub} through which other JVMs reach those of this one, and
 * the {@linkplain dev.subprocess.internal.handle.Transfers transfers} of pipe ends to children.
 * Not API.
 */
package dev.subprocess.internal.handle;

/**
 * The queue behind {@link dev.subprocess.Queue}: {@link dev.subprocess.internal.queue.LocalQueue}
 * in the JVM that created it, {@link dev.subprocess.internal.queue.RemoteQueue} elsewhere, and
 * the protocol between them ({@link dev.subprocess.internal.queue.QueueProtocol}). Not API.
 */
package dev.subprocess.internal.queue;

/**
 * Rings of messages in memory that two processes share, with doorbells: the transport of queues
 * and pipes between JVMs. Not API.
 *
 * <p>{@link dev.subprocess.internal.ring.OneToOneRing} is the layout and the lock-free steps of
 * one writer and one reader; {@link dev.subprocess.internal.ring.RingWriter} and {@link
 * dev.subprocess.internal.ring.RingReader} add the waits (spin, then park until the other side's
 * doorbell, which a {@link dev.subprocess.internal.ring.Gate} rings over whatever connects the two
 * processes); {@link dev.subprocess.internal.ring.SharedMemory} creates and maps the private files
 * the rings live in.
 *
 * <p>A side never trusts what the other process wrote: positions that go back or run ahead, and
 * bytes that are not records, are a {@link dev.subprocess.internal.ring.CorruptRingException},
 * never a wait.
 */
package dev.subprocess.internal.ring;

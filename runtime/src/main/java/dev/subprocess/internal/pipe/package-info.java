/**
 * The ends behind {@link dev.subprocess.Connection}: two rings in a shared file, the ends that
 * read and write them wherever they are held, and the host that relays their doorbells ({@link
 * dev.subprocess.internal.pipe.PipeProtocol}). Not API.
 */
package dev.subprocess.internal.pipe;

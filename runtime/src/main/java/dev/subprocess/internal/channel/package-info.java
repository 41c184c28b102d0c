/**
 * Framed, authenticated links between the JVMs of one user over Unix domain sockets: what pools,
 * queues and pipes talk over. Not API.
 *
 * <p>A {@link dev.subprocess.internal.channel.Listener} binds a socket in the JVM's private {@link
 * dev.subprocess.internal.process.RuntimeDirectory} (0700, the socket 0600), with a fresh secret;
 * its {@link dev.subprocess.internal.channel.Address} (the path and the secret) travels only in
 * bootstraps and handles. A client {@link dev.subprocess.internal.channel.Link#connect connects}, the
 * listener checks that it runs as the same OS user ({@code SO_PEERCRED}) and that it can answer a
 * challenge with the secret ({@code Handshake}: HMAC-SHA256 over a fresh nonce, compared in
 * constant time), and hands the link and the client's hello to its handler on a thread of its own.
 *
 * <p>A link carries frames, {@code int length} and that many bytes, in both directions. Its socket
 * is in non-blocking mode and waits in a selector, so that an interrupted thread never closes it
 * for the others (as a blocking NIO channel would).
 */
package dev.subprocess.internal.channel;

/**
 * Framed, mutually authenticated links between the JVMs of one user over Unix domain sockets:
 * what pools, queues and pipes talk over. Not API.
 *
 * <p>A {@link dev.subprocess.internal.channel.Listener} binds a socket in the JVM's private {@link
 * dev.subprocess.internal.files.RuntimeDirectory} (0700, the socket 0600) and knows one or more keys
 * (one random key, or one per key id from a {@link dev.subprocess.internal.channel.KeyRing}). An
 * {@link dev.subprocess.internal.channel.Address} (the path, a key id and its key) travels only in
 * bootstraps and handles. A client {@link dev.subprocess.internal.channel.Link#connect connects}
 * without blocking past a deadline, checks that the listener runs as its own OS user ({@code
 * SO_PEERCRED}), and the two prove to each other that they know the key ({@code Handshake}:
 * HMAC-SHA256 over both sides' fresh nonces and the prover's role, compared in constant time); the
 * listener checks the client's user too, and hands the link, the key id it was opened with and the
 * client's hello to its handler on a thread of its own.
 *
 * <p>A link carries frames, {@code int length} and that many bytes, in both directions. Its socket
 * is in non-blocking mode and waits in a selector, so that an interrupted thread never closes it
 * for the others (as a blocking NIO channel would). A frame's memory grows with what arrives of it,
 * not with the length the peer announces. A stall timeout, when set, closes a link whose peer
 * takes nothing of what is sent, or sends part of a frame and nothing more, for that long; a link
 * may also send without ever waiting for its peer, its backlog written by one flusher thread per
 * JVM, for senders that serve other peers too.
 */
package dev.subprocess.internal.channel;

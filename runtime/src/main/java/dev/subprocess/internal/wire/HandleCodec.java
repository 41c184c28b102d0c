package dev.subprocess.internal.wire;

import dev.subprocess.Connection;
import dev.subprocess.Queue;

/**
 * How a {@link Queue} or a {@link Connection} travels: by reference, as whatever lets the
 * receiving JVM reach the same queue or pipe end. {@link Values} writes the tag ({@code 0x40} for
 * a queue, {@code 0x41} for a connection) and calls {@link #writeQueue} or {@link
 * #writeConnection} for the bytes after it; when reading that tag it calls {@link #readQueue} or
 * {@link #readConnection}, which must read exactly those bytes.
 *
 * <p>Registered once per JVM with {@link Values#setHandleCodec}; called from any thread.
 */
public interface HandleCodec {
  void writeQueue(WireOutput out, Queue<?> queue);

  /** Throws {@link MalformedMessageException} for bytes that are not a queue handle. */
  Queue<?> readQueue(WireInput in);

  void writeConnection(WireOutput out, Connection<?> connection);

  /** Throws {@link MalformedMessageException} for bytes that are not a pipe end's handle. */
  Connection<?> readConnection(WireInput in);
}

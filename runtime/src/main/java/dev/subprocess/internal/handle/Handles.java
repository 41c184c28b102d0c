package dev.subprocess.internal.handle;

import dev.subprocess.Connection;
import dev.subprocess.Queue;
import dev.subprocess.internal.pipe.PipeEndpoint;
import dev.subprocess.internal.queue.QueueEndpoint;
import dev.subprocess.internal.wire.HandleCodec;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;

/**
 * The runtime's {@link HandleCodec}: a queue travels as the address of its host's hub, the host's
 * pid and the queue's id there, and arrives as a live queue; a pipe end travels the same way with
 * its end and generation, and moves: see {@link QueueEndpoint} and {@link PipeEndpoint} for the
 * bytes. {@code Values} uses it unless a test sets another.
 */
public final class Handles implements HandleCodec {
  public static final HandleCodec CODEC = new Handles();

  private Handles() {}

  @Override
  public void writeQueue(WireOutput out, Queue<?> queue) {
    QueueEndpoint.writeHandle(out, queue);
  }

  @Override
  public Queue<?> readQueue(WireInput in) {
    return QueueEndpoint.readHandle(in);
  }

  @Override
  public void writeConnection(WireOutput out, Connection<?> connection) {
    PipeEndpoint.writeHandle(out, connection);
  }

  @Override
  public Connection<?> readConnection(WireInput in) {
    return PipeEndpoint.readHandle(in);
  }
}

package dev.subprocess.internal.pipe;

import dev.subprocess.Connection;
import dev.subprocess.internal.channel.Address;
import dev.subprocess.internal.handle.Hub;
import dev.subprocess.internal.handle.HubAddress;
import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;

/**
 * What a {@link Connection} does: one end of a pipe, held in the pipe's host ({@link LocalEnd}) or
 * in another JVM ({@link RemoteEnd}).
 *
 * <p>A handle, what an end is written as when it moves: {@code Address hub, long hostPid, long
 * pipeId, byte end, long generation}. Writing it moves the end: the endpoint written is unusable
 * from then on, and whoever reads the handle holds the end.
 */
public abstract class PipeEndpoint {
  PipeEndpoint() {}

  /**
   * Sends a message to the other end.
   *
   * @throws NullPointerException if {@code message} is null
   * @throws IllegalArgumentException if it is not transferable, naming the type
   * @throws IllegalStateException if this end is closed or was moved to another process
   * @throws java.io.UncheckedIOException if the other end is closed
   */
  public abstract void send(Object message) throws InterruptedException;

  /**
   * Receives the next message from the other end, waiting for it.
   *
   * @throws java.io.UncheckedIOException with an {@link java.io.EOFException} cause, once every
   *     message is read, if the other end is closed or its holder has ended
   * @throws IllegalStateException if this end is closed or was moved to another process
   */
  public abstract Object recv() throws InterruptedException;

  /** Whether {@link #recv()} would not wait (a message, or the end of the pipe, is there). */
  public abstract boolean poll(long timeoutNanos) throws InterruptedException;

  /** Closes this end; a no-op if it moved away. */
  public abstract void close();

  /** Moves the end: writes its handle; this endpoint is unusable from then on. */
  abstract void moveTo(WireOutput out);

  /** Moves the end behind {@code connection} to whoever reads what is written. */
  public static void writeHandle(WireOutput out, Connection<?> connection) {
    PipeAccess.get().endpoint(connection).moveTo(out);
  }

  /** Reads a handle: the end, held by this JVM from now on. */
  public static Connection<?> readHandle(WireInput in) {
    int at = in.position();
    Address hub = Address.readFrom(in);
    long hostPid = in.readLong();
    long pipeId = in.readLong();
    int end = in.readByte();
    long generation = in.readLong();
    if (hostPid <= 0 || pipeId <= 0 || (end != 0 && end != 1) || generation < 0) {
      throw new MalformedMessageException("not a pipe end's handle", at);
    }
    PipeEndpoint endpoint;
    Object local = HubAddress.isLocal(hub) ? Hub.local(hub, pipeId) : null;
    if (local instanceof PipeCore) {
      endpoint = ((PipeCore) local).claim(end, generation);
    } else {
      endpoint = new RemoteEnd(hub, hostPid, pipeId, end, generation);
    }
    ReadEnds.read(endpoint);
    return PipeAccess.get().wrap(endpoint);
  }

  static void writeHandle(
      WireOutput out, Address hub, long hostPid, long pipeId, int end, long generation) {
    hub.writeTo(out);
    out.writeLong(hostPid);
    out.writeLong(pipeId);
    out.writeByte(end);
    out.writeLong(generation);
  }
}

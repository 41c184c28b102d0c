package dev.subprocess.internal.pipe;

import dev.subprocess.internal.hub.Capability;
import dev.subprocess.internal.hub.Hub;
import dev.subprocess.internal.hub.HubAddress;
import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;

/**
 * What a {@code dev.subprocess.Connection} does: one end of a pipe, held in the pipe's host ({@link LocalEnd}) or
 * in another JVM ({@link RemoteEnd}).
 *
 * <p>A handle, what an end is written as when it moves: {@code Capability pipe, byte end, long
 * generation}, where the capability is of the pipe's facet {@code end}: it opens that end only. Writing it moves the end: the endpoint written is unusable
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

  /** Moves {@code endpoint} to whoever reads what is written. */
  public static void writeHandle(WireOutput out, PipeEndpoint endpoint) {
    endpoint.moveTo(out);
  }

  /** Reads a handle: the end, held by this JVM from now on. */
  public static PipeEndpoint readHandle(WireInput in) {
    int at = in.position();
    Capability pipe = Capability.readFrom(in);
    int end = in.readByte();
    long generation = in.readLong();
    if ((end != 0 && end != 1) || pipe.facet() != end || generation < 0) {
      throw new MalformedMessageException("not a pipe end's handle", at);
    }
    Object local = HubAddress.isLocal(pipe) ? Hub.local(pipe) : null;
    if (local instanceof PipeCore) {
      return ((PipeCore) local).claim(end, generation);
    }
    return new RemoteEnd(pipe.address(), pipe.hostPid(), pipe.id(), end, generation);
  }

  static void writeHandle(WireOutput out, Capability pipe, int end, long generation) {
    pipe.writeTo(out);
    out.writeByte(end);
    out.writeLong(generation);
  }
}

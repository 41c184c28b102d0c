package dev.subprocess.internal.process;

import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The one frame a parent writes on a child's standard input before anything else: {@code int
 * magic, int length, byte[length] body}, the body in the wire format and its content up to the
 * kind of child. It never appears on a command line nor in an environment, where other users or
 * processes could read it.
 */
public final class Bootstrap {
  /** What a pipe holds without blocking its writer on Linux. */
  static final int PIPE_CAPACITY = 64 * 1024;

  private static final int MAGIC = 0x53554250; // "SUBP"
  private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

  private Bootstrap() {}

  /** A new body; {@link #frame} turns it into what the child reads. */
  public static WireOutput body() {
    WireOutput out = new WireOutput(256);
    out.writeInt(MAGIC);
    out.writeInt(0);
    return out;
  }

  public static byte[] frame(WireOutput body) {
    body.setInt(4, body.size() - 8);
    return body.toByteArray();
  }

  /**
   * Reads the bootstrap from this JVM's standard input. The body is read as it arrives: a length
   * that promises more than is sent allocates no more than what was sent.
   *
   * @throws IllegalStateException if this JVM was not started by the runtime
   */
  public static WireInput read(InputStream stdin) {
    try {
      DataInputStream in = new DataInputStream(stdin);
      int magic = in.readInt();
      int length = in.readInt();
      if (magic == MAGIC && length >= 0 && length <= MAX_LENGTH) {
        byte[] body = in.readNBytes(length);
        if (body.length == length) {
          return new WireInput(body);
        }
      }
      throw notStartedByTheRuntime(null);
    } catch (IOException e) {
      // Caught as IOException and told apart here: one class fewer for a child to load.
      if (e instanceof EOFException) {
        throw notStartedByTheRuntime(e);
      }
      throw new IllegalStateException("cannot read the bootstrap from standard input", e);
    }
  }

  private static IllegalStateException notStartedByTheRuntime(Throwable cause) {
    return new IllegalStateException(
        "this JVM was started as a child (-D" + ChildJvm.CHILD_PROPERTY
            + ") but its parent sent no bootstrap on standard input; run the launcher without"
            + " that property to use it from a command line",
        cause);
  }
}

package dev.subprocess.internal.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A {@code long} in memory that processes share, read and written with volatile semantics; one
 * process writes it, others read it. Its offset must be a multiple of 8.
 */
public final class SharedLong {
  private static final VarHandle LONG =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private final ByteBuffer memory;
  private final int offset;

  public SharedLong(ByteBuffer memory, int offset) {
    if ((offset & 7) != 0) {
      throw new IllegalArgumentException("offset " + offset + " is not a multiple of 8");
    }
    this.memory = memory;
    this.offset = offset;
  }

  public long get() {
    return (long) LONG.getVolatile(memory, offset);
  }

  public void set(long value) {
    LONG.setVolatile(memory, offset, value);
  }
}

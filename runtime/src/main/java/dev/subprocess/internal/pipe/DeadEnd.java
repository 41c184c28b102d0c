package dev.subprocess.internal.pipe;

import dev.subprocess.internal.wire.WireOutput;

/** An end that this JVM cannot use: its handle was stale, or the end is closed. */
final class DeadEnd extends PipeEndpoint {
  private final String reason;

  DeadEnd(String reason) {
    this.reason = reason;
  }

  @Override
  public void send(Object message) {
    throw new IllegalStateException(reason);
  }

  @Override
  public Object recv() {
    throw new IllegalStateException(reason);
  }

  @Override
  public boolean poll(long timeoutNanos) {
    throw new IllegalStateException(reason);
  }

  @Override
  public void close() {}

  @Override
  void moveTo(WireOutput out) {
    throw new IllegalStateException(reason);
  }

  @Override
  public String toString() {
    return "Connection[" + reason + "]";
  }
}

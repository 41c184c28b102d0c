package dev.subprocess.internal;

import dev.subprocess.internal.wire.Failures;
import dev.subprocess.internal.wire.Values;
import dev.subprocess.internal.wire.WireOutput;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * The child's side of {@link Outcome}: appends records to the outcome file its parent created.
 * Each record goes out in one {@code write}, so a record is whole or, if the JVM dies in the middle
 * of it, cut short at the end of the file, where the parent ignores it.
 */
final class OutcomeWriter implements Runnable {
  private final FileOutputStream file;

  OutcomeWriter(FileOutputStream file) {
    this.file = file;
  }

  /**
   * Records the method's value.
   *
   * @throws IllegalArgumentException if the value is not transferable
   */
  void returned(Object value) {
    if (value == null) {
      // A void method's value: no need to load the codec for one tag byte.
      write(new byte[] {Outcome.RETURNED, 0, 0, 0, 1, Values.NULL});
      return;
    }
    WireOutput out = new WireOutput(64);
    out.writeByte(Outcome.RETURNED);
    out.writeInt(0);
    Values.write(out, value);
    out.setInt(1, out.size() - 5);
    write(out);
  }

  void threw(Throwable failure) {
    WireOutput out = new WireOutput(1024);
    out.writeByte(Outcome.THREW);
    out.writeInt(0);
    Failures.write(out, failure);
    out.setInt(1, out.size() - 5);
    write(out);
  }

  /** As a shutdown hook: records that this JVM shuts down, which SIGKILL never lets it do. */
  @Override
  public void run() {
    write(new byte[] {Outcome.EXITING});
  }

  void signaled(int signal) {
    write(new byte[] {Outcome.SIGNALED, (byte) signal});
  }

  private void write(WireOutput out) {
    try {
      file.write(out.array(), 0, out.size());
    } catch (IOException e) {
      // The parent is gone or its folder was removed: nobody is left to tell.
    }
  }

  private void write(byte[] record) {
    try {
      file.write(record);
    } catch (IOException e) {
      // As above.
    }
  }
}

package dev.subprocess.internal.process;

import dev.subprocess.internal.wire.Failures;
import dev.subprocess.internal.wire.Values;
import dev.subprocess.internal.wire.WireOutput;
import java.io.FileOutputStream;
import java.io.IOException;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The child's side of {@link Outcome}: appends records to the outcome file its parent created.
 * Each record goes out in one {@code write}, so a record is whole or, if the JVM dies in the middle
 * of it, cut short at the end of the file, where the parent ignores it.
 *
 * <p>It is also the handler of SIGTERM, SIGINT and SIGHUP, which records the signal: the JVM
 * exits with 128+N whether a signal or {@code System.exit(128+N)} ended it, and only the record
 * tells them apart; and a shutdown hook, which records {@code EXITING}.
 */
final class OutcomeWriter implements Runnable, SignalHandler {
  private static final String[] SIGNALS = {"TERM", "INT", "HUP"};

  private final FileOutputStream file;

  OutcomeWriter(FileOutputStream file) {
    this.file = file;
  }

  /** Makes this the handler of the signals that shut a JVM down. */
  void handleSignals() {
    for (String name : SIGNALS) {
      try {
        Signal.handle(new Signal(name), this);
      } catch (IllegalArgumentException e) {
        // The JVM reserves this signal (-Xrs): its default stays, reported as a signal death.
      }
    }
  }

  /**
   * Records the method's value.
   *
   * @throws IllegalArgumentException if the value is not transferable; nothing is recorded
   */
  void returned(Object value) {
    if (value == null) {
      // A void method's value: no need to load the codec for one tag byte.
      write(new byte[] {Outcome.RETURNED, 0, 0, 0, 1, Values.NULL}, 6);
      return;
    }
    WireOutput out = new WireOutput(64);
    out.writeByte(Outcome.RETURNED);
    out.writeInt(0);
    Values.write(out, value);
    out.setInt(1, out.size() - 5);
    write(out.array(), out.size());
  }

  /** Records the method's exception. */
  void threw(Throwable failure) {
    WireOutput out = new WireOutput(1024);
    out.writeByte(Outcome.THREW);
    out.writeInt(0);
    Failures.write(out, failure);
    out.setInt(1, out.size() - 5);
    write(out.array(), out.size());
  }

  /** As a shutdown hook: records that this JVM shuts down, which SIGKILL never lets it do. */
  @Override
  public void run() {
    write(new byte[] {Outcome.EXITING}, 1);
  }

  /** As the signal handler: records the signal, then shuts down as the JVM's own handler would. */
  @Override
  public void handle(Signal signal) {
    int number = signal.getNumber();
    write(new byte[] {Outcome.SIGNALED, (byte) number}, 2);
    System.exit(128 + number);
  }

  private boolean write(byte[] record, int length) {
    try {
      file.write(record, 0, length);
      return true;
    } catch (IOException e) {
      // The folder was removed or the disk is full: the parent finds no record and says so.
      return false;
    }
  }
}

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
 * <p>It settles how the child ends, once: the method returned ({@code RETURNED}, exit status 0),
 * threw ({@code THREW}, 1), or a signal came first ({@code SIGNALED}, 128+N). Whichever is settled
 * first stands, and none of the others is recorded after it: a SIGTERM that arrives once the
 * method's value is recorded exits with 0, so a child that returned never reports −15. So this is
 * also the handler of SIGTERM, SIGINT and SIGHUP (the JVM exits with 128+N whether a signal or
 * {@code System.exit(128+N)} ended it, and only the record tells them apart), and a shutdown hook,
 * which records {@code EXITING}.
 *
 * <p>Thread-safe: the method's thread, the JDK's signal handler threads and the shutdown hook use
 * it at once.
 */
final class OutcomeWriter implements Runnable, SignalHandler {
  private static final String[] SIGNALS = {"TERM", "INT", "HUP"};
  private static final int RUNNING = -1;

  private final FileOutputStream file;
  /** The exit status settled by the first of the three records, or {@link #RUNNING}. */
  private int status = RUNNING;

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
   * Records the method's value, unless a signal came first.
   *
   * @throws IllegalArgumentException if the value is not transferable; nothing is recorded
   */
  void returned(Object value) {
    if (value == null) {
      // A void method's value: no need to load the codec for one tag byte.
      settle(0, new byte[] {Outcome.RETURNED, 0, 0, 0, 1, Values.NULL}, 6);
      return;
    }
    WireOutput out = new WireOutput(64);
    out.writeByte(Outcome.RETURNED);
    out.writeInt(0);
    Values.write(out, value);
    out.setInt(1, out.size() - 5);
    settle(0, out.array(), out.size());
  }

  /** Records the method's exception, unless a signal came first. */
  void threw(Throwable failure) {
    WireOutput out = new WireOutput(1024);
    out.writeByte(Outcome.THREW);
    out.writeInt(0);
    Failures.write(out, failure);
    out.setInt(1, out.size() - 5);
    settle(1, out.array(), out.size());
  }

  /** As a shutdown hook: records that this JVM shuts down, which SIGKILL never lets it do. */
  @Override
  public void run() {
    write(new byte[] {Outcome.EXITING}, 1);
  }

  /**
   * As the signal handler: records the signal unless the method's end was settled before, then
   * shuts down as the JVM's own handler would, with the status that stands.
   */
  @Override
  public void handle(Signal signal) {
    int number = signal.getNumber();
    System.exit(settle(128 + number, new byte[] {Outcome.SIGNALED, (byte) number}, 2));
  }

  /**
   * Writes {@code record} and settles {@code status}, unless a status was settled before.
   *
   * @return the status that stands
   */
  private synchronized int settle(int status, byte[] record, int length) {
    if (this.status == RUNNING) {
      this.status = status;
      if (!write(record, length) && status < 128) {
        System.err.println(
            "dev.subprocess: the child could not record its outcome; its parent will find none");
      }
    }
    return this.status;
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

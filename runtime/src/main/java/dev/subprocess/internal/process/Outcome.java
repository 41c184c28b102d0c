package dev.subprocess.internal.process;

import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.Values;
import dev.subprocess.internal.wire.WireInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a child ended, read by the parent from the child's exit status and the records the child
 * wrote to its outcome file (see {@link OutcomeWriter}). The file is read once and deleted.
 *
 * <p>The JDK reports a death by signal N as exit status 128+N, the same as {@code
 * System.exit(128+N)}. The records tell them apart: a JVM that shuts down writes {@code EXITING}
 * from a shutdown hook, which SIGKILL never lets run; and a SIGTERM, whose JVM does shut down,
 * writes {@code SIGNALED} first, unless the method's end was recorded before it.
 *
 * <p>A method returned only if its {@code RETURNED} record is there, whole: a child that called
 * {@code System.exit(0)} in the method, whose record could not be written or was cut short, or
 * whose file could not be read, has no value, whatever its exit code. What the method threw is
 * data here ({@link #failure()}): the API makes the exceptions a user sees. Immutable.
 */
public final class Outcome {
  static final byte RETURNED = 'R';
  static final byte THREW = 'T';
  static final byte EXITING = 'X';
  static final byte SIGNALED = 'S';

  private final int exitCode;
  private final byte[] value;
  private final byte[] failure;
  private final String unreadable;

  private Outcome(int exitCode, byte[] value, byte[] failure, String unreadable) {
    this.exitCode = exitCode;
    this.value = value;
    this.failure = failure;
    this.unreadable = unreadable;
  }

  /**
   * Reads and deletes the outcome file of a child that has ended with {@code exitStatus}. Never
   * throws: a file that can't be read is an outcome without records.
   */
  public static Outcome read(int exitStatus, Path file) {
    byte[] records;
    try {
      records = Files.readAllBytes(file);
    } catch (IOException | RuntimeException e) {
      return parse(exitStatus, new byte[0], "its outcome file could not be read: " + e);
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException | RuntimeException e) {
      // What was read stands; the folder is removed at exit anyway.
    }
    return parse(exitStatus, records, null);
  }

  static Outcome parse(int exitStatus, byte[] records) {
    return parse(exitStatus, records, null);
  }

  /**
   * The records, in the order written. The first of {@code RETURNED}, {@code THREW} and {@code
   * SIGNALED} settles the outcome, as it settled the child's exit; later ones are ignored.
   */
  private static Outcome parse(int exitStatus, byte[] records, String unreadable) {
    byte[] value = null;
    byte[] failure = null;
    boolean exiting = false;
    int signal = 0;
    WireInput in = new WireInput(records);
    try {
      while (in.remaining() > 0) {
        byte kind = in.readByte();
        boolean settled = value != null || failure != null || signal != 0;
        if (kind == RETURNED) {
          byte[] record = readRecord(in);
          value = settled ? value : record;
        } else if (kind == THREW) {
          byte[] record = readRecord(in);
          failure = settled ? failure : record;
        } else if (kind == EXITING) {
          exiting = true;
        } else if (kind == SIGNALED) {
          int number = in.readByte() & 0xFF;
          signal = settled ? signal : number;
        } else {
          break;
        }
      }
    } catch (MalformedMessageException e) {
      // A record cut short by the child's death: what came before it stands.
    }
    return new Outcome(exitCode(exitStatus, exiting, signal), value, failure, unreadable);
  }

  /** A record's body: {@code int length, byte[length]}, as {@link OutcomeWriter} writes it. */
  private static byte[] readRecord(WireInput in) {
    int length = in.readInt();
    if (length < 0 || length > in.remaining()) {
      throw new MalformedMessageException("record cut short", in.position());
    }
    byte[] body = new byte[length];
    in.readRaw(body, 0, length);
    return body;
  }

  /**
   * The exit code of a child that ended with {@code exitStatus}: −N if it recorded signal N, or
   * if its status is 128+N and it never shut down ({@code exiting} false); else the status itself.
   */
  public static int exitCode(int exitStatus, boolean exiting, int signal) {
    if (signal > 0) {
      return -signal;
    }
    if (exitStatus > 128 && exitStatus < 128 + 65 && !exiting) {
      return -(exitStatus - 128);
    }
    return exitStatus;
  }

  /** 0 when the method returned, 1 when it threw, n for exit(n), −N for a death by signal N. */
  public int exitCode() {
    return exitCode;
  }

  /** Whether the method returned: its value (null included) was recorded, whole. */
  public boolean returned() {
    return value != null;
  }

  /**
   * Decodes the method's value.
   *
   * @throws IllegalStateException if the method did not return
   * @throws MalformedMessageException if the record is not a value
   * @throws RuntimeException what a record's constructor threw while decoding
   */
  public Object value() {
    if (value == null) {
      throw new IllegalStateException("the method did not return");
    }
    WireInput in = new WireInput(value);
    Object decoded = Values.read(in);
    in.expectEnd();
    return decoded;
  }

  /**
   * What the method threw, as the child wrote it (see {@code wire.Failures}), positioned at its
   * start; or null if no exception was recorded.
   */
  public WireInput failure() {
    return failure == null ? null : new WireInput(failure);
  }

  /** Why the outcome file could not be read, or null if it was read. */
  public String unreadable() {
    return unreadable;
  }

  /**
   * How a child's end reads to a person: "exited with exit code 3", "was killed by SIGKILL (exit
   * code -9)".
   */
  public static String describe(int exitCode) {
    if (exitCode >= 0) {
      return "exited with exit code " + exitCode;
    }
    return "was killed by " + signalName(-exitCode) + " (exit code " + exitCode + ")";
  }

  private static String signalName(int signal) {
    switch (signal) {
      case 1: return "SIGHUP";
      case 2: return "SIGINT";
      case 6: return "SIGABRT";
      case 9: return "SIGKILL";
      case 11: return "SIGSEGV";
      case 15: return "SIGTERM";
      default: return "signal " + signal;
    }
  }
}

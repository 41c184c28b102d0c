package dev.subprocess.internal;

import dev.subprocess.RemoteException;
import dev.subprocess.internal.wire.Failures;
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
 * writes {@code SIGNALED} first.
 */
public final class Outcome {
  static final byte RETURNED = 'R';
  static final byte THREW = 'T';
  static final byte EXITING = 'X';
  static final byte SIGNALED = 'S';

  private final int exitCode;
  private final byte[] value;
  private final byte[] failure;

  private Outcome(int exitCode, byte[] value, byte[] failure) {
    this.exitCode = exitCode;
    this.value = value;
    this.failure = failure;
  }

  /** Reads and deletes the outcome file of a child that has ended with {@code exitStatus}. */
  public static Outcome read(int exitStatus, Path file) {
    byte[] records;
    try {
      records = Files.readAllBytes(file);
      Files.deleteIfExists(file);
    } catch (IOException e) {
      records = new byte[0];
    }
    return parse(exitStatus, records);
  }

  static Outcome parse(int exitStatus, byte[] records) {
    byte[] value = null;
    byte[] failure = null;
    boolean exiting = false;
    int signal = 0;
    WireInput in = new WireInput(records);
    try {
      while (in.remaining() > 0) {
        byte kind = in.readByte();
        if (kind == RETURNED) {
          value = readRecord(in);
        } else if (kind == THREW) {
          failure = readRecord(in);
        } else if (kind == EXITING) {
          exiting = true;
        } else if (kind == SIGNALED) {
          signal = in.readByte();
        } else {
          break;
        }
      }
    } catch (MalformedMessageException e) {
      // A record cut short by the child's death: what came before it stands.
    }
    return new Outcome(exitCode(exitStatus, exiting, signal), value, failure);
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

  /** Whether the method returned a value (null included) that this outcome carries. */
  public boolean hasValue() {
    return value != null;
  }

  /** Decodes the method's value. */
  public Object value() {
    return Values.read(new WireInput(value));
  }

  /** The remote exception the method threw, or null. */
  public RemoteException failure() {
    if (failure == null) {
      return null;
    }
    try {
      return Failures.read(new WireInput(failure));
    } catch (MalformedMessageException e) {
      return null;
    }
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

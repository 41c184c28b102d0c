package dev.subprocess.internal.wire;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Function;

/**
 * The codec of a failure: a {@link Throwable} in the child, a {@link RemoteFailure} in the
 * parent. The class name travels as data: no remote class is loaded or instantiated here.
 *
 * <pre>
 * failure := varint n (1 to 64), n × link       the cause chain, outermost first
 * link    := string className, text message,
 *            varint f, f × frame,               the stack trace, innermost call first
 *            varint s, s × failure              the suppressed exceptions
 * frame   := string declaringClass, string methodName, text fileName, int lineNumber,
 *            text moduleName, text moduleVersion
 * text    := boolean present, then (if present) string
 * </pre>
 *
 * <p>Writing is robust against the throwable: a {@code getMessage()}, {@code getCause()} or {@code
 * getStackTrace()} that throws counts as null; a cause chain or suppressed graph with cycles is
 * written once per throwable; the chain, the nesting of suppressed exceptions and the frames are
 * bounded. An exception that stands for a remote one (see {@link #representing}) is written under
 * the class name it stands for, so that a failure relayed through several JVMs keeps its name.
 */
public final class Failures {
  private static final int MAX_CHAIN = 64;
  private static final int MAX_SUPPRESSED_DEPTH = 8;
  private static final int MAX_FRAMES = 1024;
  /** The fewest bytes a frame takes: two empty strings, three absent texts and the line. */
  private static final int MIN_FRAME_BYTES = 9;

  private static volatile Class<? extends Throwable> representative;
  private static volatile Function<Throwable, String> representedName;

  private Failures() {}

  /**
   * Declares the exceptions of class {@code type} (and its subclasses) as standing for failures
   * of other JVMs: each is written under the class name {@code className} gives it. Called by the
   * API's initializer.
   */
  public static void representing(
      Class<? extends Throwable> type, Function<Throwable, String> className) {
    representedName = className;
    representative = type;
  }

  /** Appends {@code failure}, its causes and its suppressed exceptions to {@code out}. */
  public static void write(WireOutput out, Throwable failure) {
    Set<Throwable> written = Collections.newSetFromMap(new IdentityHashMap<Throwable, Boolean>());
    write(out, failure, written, 0);
  }

  /**
   * Reads a failure, its causes and its suppressed exceptions.
   *
   * @throws MalformedMessageException if the bytes are not a failure
   */
  public static RemoteFailure readFailure(WireInput in) {
    return read(in, 0);
  }

  private static void write(WireOutput out, Throwable failure, Set<Throwable> written, int depth) {
    Throwable[] chain = new Throwable[MAX_CHAIN];
    int n = 0;
    chain[n++] = failure;
    written.add(failure);
    for (Throwable cause = causeOf(failure);
        cause != null && n < MAX_CHAIN && written.add(cause);
        cause = causeOf(cause)) {
      chain[n++] = cause;
    }
    out.writeVarInt(n);
    for (int i = 0; i < n; i++) {
      writeLink(out, chain[i], written, depth);
    }
  }

  private static void writeLink(WireOutput out, Throwable t, Set<Throwable> written, int depth) {
    out.writeString(classNameOf(t));
    writeText(out, messageOf(t));
    StackTraceElement[] frames = framesOf(t);
    int f = Math.min(frames.length, MAX_FRAMES);
    out.writeVarInt(f);
    for (int i = 0; i < f; i++) {
      StackTraceElement frame = frames[i];
      out.writeString(frame.getClassName());
      out.writeString(frame.getMethodName());
      writeText(out, frame.getFileName());
      out.writeInt(frame.getLineNumber());
      writeText(out, frame.getModuleName());
      writeText(out, frame.getModuleVersion());
    }
    Throwable[] suppressed = depth < MAX_SUPPRESSED_DEPTH ? t.getSuppressed() : new Throwable[0];
    int s = 0;
    for (Throwable each : suppressed) {
      if (!written.contains(each)) {
        suppressed[s++] = each; // getSuppressed() returns a copy
      }
    }
    out.writeVarInt(s);
    for (int i = 0; i < s; i++) {
      write(out, suppressed[i], written, depth + 1);
    }
  }

  private static RemoteFailure read(WireInput in, int depth) {
    int at = in.position();
    int n = in.readCount(4);
    if (n == 0 || n > MAX_CHAIN) {
      throw new MalformedMessageException("a cause chain of " + n + " exceptions", at);
    }
    String[] classNames = new String[n];
    String[] messages = new String[n];
    StackTraceElement[][] frames = new StackTraceElement[n][];
    RemoteFailure[][] suppressed = new RemoteFailure[n][];
    for (int i = 0; i < n; i++) {
      classNames[i] = in.readString();
      messages[i] = readText(in);
      frames[i] = new StackTraceElement[in.readCount(MIN_FRAME_BYTES)];
      for (int j = 0; j < frames[i].length; j++) {
        frames[i][j] = readFrame(in);
      }
      int suppressedAt = in.position();
      // A suppressed failure owns one byte, its chain's length: its links count their own.
      suppressed[i] = new RemoteFailure[in.readCount(1)];
      if (suppressed[i].length > 0 && depth >= MAX_SUPPRESSED_DEPTH) {
        throw new MalformedMessageException("suppressed exceptions nested too deep", suppressedAt);
      }
      for (int j = 0; j < suppressed[i].length; j++) {
        suppressed[i][j] = read(in, depth + 1);
      }
    }
    RemoteFailure failure = null;
    for (int i = n - 1; i >= 0; i--) {
      failure =
          new RemoteFailure(
              classNames[i], messages[i], Arrays.asList(frames[i]), failure,
              Arrays.asList(suppressed[i]));
    }
    return failure;
  }

  private static StackTraceElement readFrame(WireInput in) {
    String declaringClass = in.readString();
    String methodName = in.readString();
    String fileName = readText(in);
    int lineNumber = in.readInt();
    String moduleName = readText(in);
    String moduleVersion = readText(in);
    return new StackTraceElement(
        null, moduleName, moduleVersion, declaringClass, methodName, fileName, lineNumber);
  }

  private static void writeText(WireOutput out, String text) {
    out.writeBoolean(text != null);
    if (text != null) {
      out.writeString(text);
    }
  }

  private static String readText(WireInput in) {
    return in.readBoolean() ? in.readString() : null;
  }

  private static String classNameOf(Throwable t) {
    Class<? extends Throwable> type = representative;
    if (type != null && type.isInstance(t)) {
      String name = representedName.apply(t);
      if (name != null) {
        return name;
      }
    }
    return t.getClass().getName();
  }

  // A user's exception may override these and throw: that must not lose the whole failure.

  private static String messageOf(Throwable t) {
    try {
      return t.getMessage();
    } catch (Throwable e) {
      return null;
    }
  }

  private static Throwable causeOf(Throwable t) {
    try {
      return t.getCause();
    } catch (Throwable e) {
      return null;
    }
  }

  private static StackTraceElement[] framesOf(Throwable t) {
    try {
      StackTraceElement[] frames = t.getStackTrace();
      for (StackTraceElement frame : frames) {
        if (frame == null) {
          return new StackTraceElement[0];
        }
      }
      return frames;
    } catch (Throwable e) {
      return new StackTraceElement[0];
    }
  }
}

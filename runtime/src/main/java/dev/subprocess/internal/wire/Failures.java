package dev.subprocess.internal.wire;

import dev.subprocess.RemoteException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The codec of a failure: a {@link Throwable} in the child, a {@link RemoteException} in the
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
 * bounded.
 */
public final class Failures {
  private static final int MAX_CHAIN = 64;
  private static final int MAX_SUPPRESSED_DEPTH = 8;
  private static final int MAX_FRAMES = 1024;
  /** The fewest bytes a frame takes: two empty strings, three absent texts and the line. */
  private static final int MIN_FRAME_BYTES = 9;

  private Failures() {}

  /** Appends {@code failure}, its causes and its suppressed exceptions to {@code out}. */
  public static void write(WireOutput out, Throwable failure) {
    Set<Throwable> written = Collections.newSetFromMap(new IdentityHashMap<Throwable, Boolean>());
    write(out, failure, written, 0);
  }

  /**
   * Reads a failure as a {@link RemoteException} whose causes are the remote causes and whose
   * suppressed exceptions are the remote suppressed exceptions.
   *
   * @throws MalformedMessageException if the bytes are not a failure
   */
  public static RemoteException read(WireInput in) {
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
    out.writeString(t instanceof RemoteException ? ((RemoteException) t).className()
        : t.getClass().getName());
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

  private static RemoteException read(WireInput in, int depth) {
    int at = in.position();
    int n = in.readCount(4);
    if (n == 0 || n > MAX_CHAIN) {
      throw new MalformedMessageException("a cause chain of " + n + " exceptions", at);
    }
    String[] classNames = new String[n];
    String[] messages = new String[n];
    StackTraceElement[][] frames = new StackTraceElement[n][];
    RemoteException[][] suppressed = new RemoteException[n][];
    for (int i = 0; i < n; i++) {
      classNames[i] = in.readString();
      messages[i] = readText(in);
      frames[i] = new StackTraceElement[in.readCount(MIN_FRAME_BYTES)];
      for (int j = 0; j < frames[i].length; j++) {
        frames[i][j] = readFrame(in);
      }
      int suppressedAt = in.position();
      suppressed[i] = new RemoteException[in.readCount(4)];
      if (suppressed[i].length > 0 && depth >= MAX_SUPPRESSED_DEPTH) {
        throw new MalformedMessageException("suppressed exceptions nested too deep", suppressedAt);
      }
      for (int j = 0; j < suppressed[i].length; j++) {
        suppressed[i][j] = read(in, depth + 1);
      }
    }
    RemoteException exception = null;
    for (int i = n - 1; i >= 0; i--) {
      exception = new RemoteException(classNames[i], messages[i], frames[i], exception);
      for (RemoteException each : suppressed[i]) {
        exception.addSuppressed(each);
      }
    }
    return exception;
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

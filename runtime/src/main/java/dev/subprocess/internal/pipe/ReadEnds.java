package dev.subprocess.internal.pipe;

import dev.subprocess.internal.wire.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipe ends read while one message is decoded. Reading an end's handle makes this JVM its
 * holder; if the decode then fails, nobody will ever see that end, and its peer would wait for it
 * forever. So whoever decodes a message that may hold ends does it through {@link #decode}, which
 * closes every end it read when the decode fails: the peer then reads what was sent, then the end
 * of the pipe.
 *
 * <p>A scope belongs to the thread that decodes; scopes nest (a message decoded while another
 * is).
 */
public final class ReadEnds {
  private static final ThreadLocal<ReadEnds> CURRENT = new ThreadLocal<>();

  private final List<PipeEndpoint> ends = new ArrayList<>(1);

  private ReadEnds() {}

  /**
   * The value of {@code message}, as {@link Values#decode}; if that fails, the ends read are
   * closed, and the failure thrown.
   */
  public static Object decode(byte[] message) {
    ReadEnds outer = CURRENT.get();
    ReadEnds scope = new ReadEnds();
    CURRENT.set(scope);
    boolean decoded = false;
    try {
      Object value = Values.decode(message);
      decoded = true;
      return value;
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
      if (!decoded) {
        scope.closeAll();
      } else if (outer != null) {
        // The outer message may still fail: its scope answers for these ends too.
        outer.ends.addAll(scope.ends);
      }
    }
  }

  /** An end was read: this JVM holds it now. */
  static void read(PipeEndpoint end) {
    ReadEnds scope = CURRENT.get();
    if (scope != null) {
      scope.ends.add(end);
    }
  }

  private void closeAll() {
    for (PipeEndpoint end : ends) {
      try {
        end.close();
      } catch (RuntimeException e) {
        // Closed as far as it can be; the others still are.
      }
    }
  }
}

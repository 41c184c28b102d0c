package dev.subprocess.internal.process;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/** Cuts the runtime's own frames off a child's exception, so that it shows the user's code. */
public final class StackTraces {
  private StackTraces() {}

  /**
   * Removes, from {@code t} and its causes, the frames from the target's generated {@code invoke}
   * down: what is left starts at the user's method. Returns {@code t}.
   */
  public static Throwable trimmed(Throwable t, Target<?> target) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable c = t; c != null && seen.put(c, Boolean.TRUE) == null; c = c.getCause()) {
      StackTraceElement[] frames = c.getStackTrace();
      int cut = indexOfInvoke(frames, target.id());
      if (cut > 0) {
        c.setStackTrace(Arrays.copyOf(frames, cut));
      }
    }
    return t;
  }

  private static int indexOfInvoke(StackTraceElement[] frames, String launcher) {
    for (int i = frames.length - 1; i >= 0; i--) {
      if (frames[i].getClassName().equals(launcher) && frames[i].getMethodName().equals("invoke")) {
        return i;
      }
    }
    return -1;
  }
}

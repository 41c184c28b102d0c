package dev.subprocess.internal.process;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Makes a child end when its parent JVM is gone, however it went (SIGKILL included): every {@link
 * #PERIOD_MILLIS} it reads its parent's pid, which the kernel changes the moment the parent dies
 * (the child is handed to init or to a subreaper). The child then shuts down, running its shutdown
 * hooks, and halts if that takes longer than {@link #GRACE_MILLIS}.
 *
 * <p>Why not wait for end-of-file on the standard input the parent holds open? A thread blocked in
 * a read is in native code, and HotSpot's exit waits up to 300 ms for such threads; an
 * interruptible read needs NIO, whose classes cost a fresh JVM some 6 ms to load. A sleeping thread
 * costs neither, and reading {@code /proc/self/stat} needs nothing the JVM has not loaded already.
 */
public final class ParentWatch implements Runnable {
  static final long PERIOD_MILLIS = 100;
  static final long GRACE_MILLIS = 500;
  /** The exit status of a child whose parent died; nobody is left to read it. */
  private static final int ORPHANED = 70;

  private final long parent = parentPid();
  private final Thread thread = new Thread(this, "dev.subprocess parent watch");

  private ParentWatch() {}

  /** Starts watching this JVM's parent on a daemon thread. */
  public static ParentWatch start() {
    ParentWatch watch = new ParentWatch();
    watch.thread.setDaemon(true);
    watch.thread.start();
    return watch;
  }

  /** Stops watching: this JVM is on its way out by other means. */
  public void stop() {
    if (Thread.currentThread() != thread) {
      thread.interrupt();
    }
  }

  @Override
  public void run() {
    try {
      while (parentPid() == parent) {
        Thread.sleep(PERIOD_MILLIS);
      }
    } catch (InterruptedException e) {
      return;
    }
    Thread halt = new Thread(new Halt(), "dev.subprocess orphan halt");
    halt.setDaemon(true);
    halt.start();
    System.exit(ORPHANED);
  }

  /** The parent's pid: field 4 of {@code /proc/self/stat}, after the parenthesized command. */
  private static long parentPid() {
    byte[] stat = new byte[512];
    int length;
    try (FileInputStream in = new FileInputStream("/proc/self/stat")) {
      length = in.read(stat);
    } catch (IOException e) {
      return portableParentPid();
    }
    String text = new String(stat, 0, Math.max(length, 0), StandardCharsets.ISO_8859_1);
    int start = text.lastIndexOf(')') + 4; // ") S 1234 ..."
    int end = text.indexOf(' ', start);
    if (start < 4 || end < 0) {
      return portableParentPid();
    }
    return Long.parseLong(text.substring(start, end));
  }

  private static long portableParentPid() {
    java.util.Optional<ProcessHandle> parent = ProcessHandle.current().parent();
    return parent.isPresent() ? parent.get().pid() : 1;
  }

  private static final class Halt implements Runnable {
    @Override
    public void run() {
      try {
        Thread.sleep(GRACE_MILLIS);
      } catch (InterruptedException e) {
        // Halt now.
      }
      Runtime.getRuntime().halt(ORPHANED);
    }
  }
}

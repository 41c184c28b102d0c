package dev.subprocess.internal;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;

/**
 * Makes a child end when its parent JVM is gone, however it went (SIGKILL included): the parent
 * holds the child's standard input open for the child's whole life, so end-of-file there means the
 * parent has died. The child then shuts down, running its shutdown hooks, and halts if that takes
 * longer than {@link #GRACE_MILLIS}.
 *
 * <p>Call {@link #stop()} from a shutdown hook: HotSpot's exit waits up to 300 ms for threads
 * blocked in native code, such as this one in its read, so the read must be interrupted first. A
 * {@link FileChannel} read, unlike a stream's, can be.
 */
public final class ParentWatch implements Runnable {
  static final long GRACE_MILLIS = 500;
  /** The exit status of a child whose parent died; nobody is left to read it. */
  private static final int ORPHANED = 70;

  private final FileChannel stdin = new FileInputStream(FileDescriptor.in).getChannel();
  private final Thread thread = new Thread(this, "dev.subprocess parent watch");

  private ParentWatch() {}

  /**
   * Starts watching this JVM's standard input on a daemon thread. What the parent wrote before,
   * the bootstrap, must have been read already.
   */
  public static ParentWatch start() {
    ParentWatch watch = new ParentWatch();
    watch.thread.setDaemon(true);
    watch.thread.start();
    return watch;
  }

  /** Stops watching, so that this JVM can exit at once. */
  public void stop() {
    if (Thread.currentThread() != thread) {
      thread.interrupt();
    }
  }

  @Override
  public void run() {
    try {
      ByteBuffer ignored = ByteBuffer.allocate(64);
      while (stdin.read(ignored) >= 0) {
        // The parent writes nothing after the bootstrap; keep reading until it is gone.
        ignored.clear();
      }
    } catch (ClosedByInterruptException e) {
      return; // stop(): this JVM is exiting anyway.
    } catch (IOException e) {
      // Treated as end-of-file: the pipe is broken.
    }
    Thread halt = new Thread(new Halt(), "dev.subprocess orphan halt");
    halt.setDaemon(true);
    halt.start();
    System.exit(ORPHANED);
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

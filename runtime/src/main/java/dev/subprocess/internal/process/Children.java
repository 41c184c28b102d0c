package dev.subprocess.internal.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The live child JVMs of this JVM, and the rules that tie their lives to it, as in Python:
 *
 * <ul>
 *   <li>Each child has a thread that waits for its end, a daemon thread for a daemon child and a
 *       non-daemon thread for a non-daemon child: so a non-daemon child keeps this JVM alive as a
 *       non-daemon thread would, and when {@code main} ends, the JVM waits for it.
 *   <li>When this JVM shuts down (its last non-daemon thread ended, or {@code System.exit}), every
 *       child still alive gets SIGTERM, and SIGKILL if it has not ended half a second later.
 *   <li>When this JVM dies without shutting down (SIGKILL, a crash), each child sees its parent
 *       change and exits on its own: see {@code ParentWatch}.
 * </ul>
 */
public final class Children {
  private static final long GRACE_MILLIS = 500;

  private static final Map<java.lang.Process, Life> LIVE = new LinkedHashMap<>();
  private static boolean hookInstalled;
  private static boolean shuttingDown;

  private Children() {}

  /**
   * Registers a child that has just started; it is forgotten when it ends. A thread of its own
   * waits for that: {@code Process.onExit()} would complete on the common pool, which the user's
   * own work may keep busy.
   *
   * @throws IllegalStateException if this JVM is shutting down, with the child killed
   */
  public static void add(java.lang.Process child, boolean daemon) {
    Life life = new Life(child);
    synchronized (LIVE) {
      if (shuttingDown) {
        child.destroyForcibly();
        throw new IllegalStateException("cannot start a child JVM: this JVM is shutting down");
      }
      if (!hookInstalled) {
        Runtime.getRuntime().addShutdownHook(new Thread(new Reaper(), "dev.subprocess reaper"));
        hookInstalled = true;
      }
      LIVE.put(child, life);
    }
    Thread waiter = new Thread(life, "dev.subprocess waiter of pid " + child.pid());
    waiter.setDaemon(daemon);
    waiter.start();
  }

  /**
   * Completes with the child once it has ended, on the thread that waits for it, so that what
   * depends on it runs at once.
   */
  public static CompletableFuture<java.lang.Process> exited(java.lang.Process child) {
    synchronized (LIVE) {
      Life life = LIVE.get(child);
      // Not registered any more: it has ended.
      return life != null ? life.exited : CompletableFuture.completedFuture(child);
    }
  }

  private static void remove(Life life) {
    synchronized (LIVE) {
      LIVE.remove(life.child);
    }
  }

  private static void terminateAll() {
    List<java.lang.Process> children;
    synchronized (LIVE) {
      shuttingDown = true;
      children = new ArrayList<>(LIVE.keySet());
    }
    for (java.lang.Process child : children) {
      child.destroy();
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
    for (java.lang.Process child : children) {
      try {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !child.waitFor(left, TimeUnit.NANOSECONDS)) {
          child.destroyForcibly();
        }
      } catch (InterruptedException e) {
        child.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static final class Reaper implements Runnable {
    @Override
    public void run() {
      terminateAll();
    }
  }

  /** A child's registration, and the wait for its end. */
  private static final class Life implements Runnable {
    final java.lang.Process child;
    final CompletableFuture<java.lang.Process> exited = new CompletableFuture<>();

    Life(java.lang.Process child) {
      this.child = child;
    }

    @Override
    public void run() {
      boolean interrupted = false;
      while (true) {
        try {
          child.waitFor();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      remove(this);
      exited.complete(child);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

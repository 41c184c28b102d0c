package dev.subprocess.internal.channel;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The one thread of a JVM that writes what {@linkplain Link#sendWithoutWaiting sends that do not
 * wait} left queued, as each peer reads, and closes the link of a peer that has read nothing for
 * its stall timeout. Started by the first link that needs it; a daemon.
 *
 * <pre>{@code
 * // a sender, under the link's send lock, when its backlog goes from empty to not:
 * Flusher.watch(link);
 * // the flusher, each turn:
 * register the links watched since; for each link, link.flush(now, false): a stall check, and
 * OP_WRITE while a backlog is left; select until the earliest stall deadline; for each link
 * whose socket has room, link.flush(now, true)
 * }</pre>
 *
 * <p>Only this thread registers with its selector and changes interest, so that a sender never
 * waits for it: {@link #watch} queues the link and wakes the selector. A link's interest is
 * cleared only once its backlog was seen empty under its lock; a backlog begun after that is
 * watched again, so none is missed.
 *
 * <p>The thread outlives what it cannot help: a failure in a turn (no memory, say) pauses the loop
 * and the next turn tries again, and the links' stall deadlines still close what stalls.
 */
final class Flusher implements Runnable {
  private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final long LONGEST_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final Object LOCK = new Object();
  /** Guarded by LOCK. */
  private static Flusher instance;

  private final Selector selector;
  private final Queue<Link> arrivals = new ConcurrentLinkedQueue<>();

  private Flusher(Selector selector) {
    this.selector = selector;
  }

  /**
   * Has the flusher write {@code link}'s backlog and watch it for stalls.
   *
   * @throws IOException if the flusher cannot be started (no selector)
   */
  static void watch(Link link) throws IOException {
    Flusher flusher = instance();
    flusher.arrivals.add(link);
    flusher.selector.wakeup();
  }

  private static Flusher instance() throws IOException {
    synchronized (LOCK) {
      if (instance == null) {
        Flusher flusher = new Flusher(Selector.open());
        Thread thread = new Thread(flusher, "dev.subprocess link flusher");
        thread.setDaemon(true);
        try {
          thread.start();
        } catch (RuntimeException | Error e) {
          flusher.selector.close();
          throw e;
        }
        instance = flusher;
      }
      return instance;
    }
  }

  @Override
  public void run() {
    long pause = 0;
    while (true) {
      try {
        turn();
        pause = 0;
      } catch (IOException | RuntimeException | Error e) {
        // Most likely a transient state (no memory): give it a moment rather than end the loop,
        // which would leave every backlog unwritten.
        pause = pause == 0 ? FIRST_PAUSE_NANOS : Math.min(2 * pause, LONGEST_PAUSE_NANOS);
        try {
          TimeUnit.NANOSECONDS.sleep(pause);
        } catch (InterruptedException interrupted) {
          // Nobody interrupts this thread; go on.
        }
      }
    }
  }

  private void turn() throws IOException {
    Link arrived;
    while ((arrived = arrivals.poll()) != null) {
      register(arrived);
    }
    long now = System.nanoTime();
    boolean anyDeadline = false;
    long earliest = 0;
    for (SelectionKey key : selector.keys()) {
      if (!key.isValid()) {
        continue;
      }
      Link link = (Link) key.attachment();
      boolean left = link.flush(now, false);
      setInterest(key, left ? SelectionKey.OP_WRITE : 0);
      if (left && link.flusherHasDeadline
          && (!anyDeadline || link.flusherDeadline - earliest < 0)) {
        anyDeadline = true;
        earliest = link.flusherDeadline;
      }
    }
    selector.select(anyDeadline ? Link.millisAtLeast(earliest - now) : 0);
    now = System.nanoTime();
    Iterator<SelectionKey> selected = selector.selectedKeys().iterator();
    while (selected.hasNext()) {
      SelectionKey key = selected.next();
      selected.remove();
      if (key.isValid()) {
        ((Link) key.attachment()).flush(now, true);
      }
    }
  }

  private void register(Link link) {
    SelectionKey key = link.flusherKey;
    if (key != null) {
      setInterest(key, SelectionKey.OP_WRITE);
      return;
    }
    try {
      link.flusherKey = link.channel().register(selector, SelectionKey.OP_WRITE, link);
    } catch (ClosedChannelException e) {
      // Closed meanwhile: nothing left to write.
    }
  }

  private static void setInterest(SelectionKey key, int operations) {
    try {
      if (key.interestOps() != operations) {
        key.interestOps(operations);
      }
    } catch (CancelledKeyException e) {
      // The link's socket was closed meanwhile.
    }
  }
}

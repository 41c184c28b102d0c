package dev.subprocess.internal.pool;

import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.process.ParentWatch;
import dev.subprocess.internal.wire.WireOutput;
import java.io.IOException;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Tells the pool how its worker is going, so that it reads the worker's exit status as {@code
 * Outcome} does: a shutdown hook sends EXITING (a JVM that {@code System.exit}s with 128+N was not
 * killed by signal N), and a handler of SIGTERM, SIGINT and SIGHUP sends SIGNALED before it shuts
 * the JVM down (which would otherwise exit 128+N after running its hooks, like a {@code
 * System.exit}).
 *
 * <p>A signal that comes once the worker is exiting (it called {@link #exit}, or its shutdown
 * hook has run) is not reported: the exit under way has settled the status, which the signal no
 * longer changes. The pool checks the status as well (see {@link ExitStatus}), since a signal may
 * be reported just before the exit it races with is settled.
 *
 * <p>The hook also stops the threads that wait in native code, the parent watch and a receive on
 * the link: HotSpot's exit waits up to 300 ms for such threads.
 *
 * <p>Thread-safe: the worker's main thread, the JDK's signal handler threads and the shutdown
 * hook use it at once.
 */
final class ExitNotice implements Runnable, SignalHandler {
  private static final String[] SIGNALS = {"TERM", "INT", "HUP"};

  private final ParentWatch watch;
  private volatile Link link;
  /** Whether the worker's exit status is settled: a signal no longer says anything. */
  private volatile boolean exiting;

  private ExitNotice(ParentWatch watch) {
    this.watch = watch;
  }

  static ExitNotice install(ParentWatch watch) {
    ExitNotice notice = new ExitNotice(watch);
    Runtime.getRuntime().addShutdownHook(new Thread(notice, "dev.subprocess exit notice"));
    for (String name : SIGNALS) {
      try {
        Signal.handle(new Signal(name), notice);
      } catch (IllegalArgumentException e) {
        // Reserved by the JVM (-Xrs): the pool reads its status as a death by that signal.
      }
    }
    return notice;
  }

  /** From now on, notices go to the pool over {@code link}. */
  void connected(Link link) {
    this.link = link;
  }

  /** Exits with {@code status}: the worker's own end, which a signal that follows cannot change. */
  void exit(int status) {
    exiting = true;
    System.exit(status);
  }

  /** The shutdown hook. */
  @Override
  public void run() {
    exiting = true;
    Link l = link;
    if (l != null) {
      send(l, Protocol.EXITING, 0);
      l.close();
    }
    watch.stop();
  }

  @Override
  public void handle(Signal signal) {
    Link l = link;
    if (l != null && !exiting) {
      send(l, Protocol.SIGNALED, signal.getNumber());
    }
    System.exit(128 + signal.getNumber());
  }

  private static void send(Link link, byte kind, int signal) {
    WireOutput out = new WireOutput(2);
    out.writeByte(kind);
    if (kind == Protocol.SIGNALED) {
      out.writeByte(signal);
    }
    try {
      link.send(out);
    } catch (IOException e) {
      // The pool is gone or has closed the link: nobody is left to tell.
    }
  }
}

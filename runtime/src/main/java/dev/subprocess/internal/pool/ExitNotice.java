package dev.subprocess.internal.pool;

import dev.subprocess.internal.process.ParentWatch;
import dev.subprocess.internal.channel.Link;
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
 * <p>The hook also stops the threads that wait in native code, the parent watch and a receive on
 * the link: HotSpot's exit waits up to 300 ms for such threads.
 */
final class ExitNotice implements Runnable, SignalHandler {
  private static final String[] SIGNALS = {"TERM", "INT", "HUP"};

  private final ParentWatch watch;
  private volatile Link link;

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

  /** The shutdown hook. */
  @Override
  public void run() {
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
    if (l != null) {
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

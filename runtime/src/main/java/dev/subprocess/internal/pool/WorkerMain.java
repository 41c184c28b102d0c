package dev.subprocess.internal.pool;

import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.hub.Capability;
import dev.subprocess.internal.hub.Hub;
import dev.subprocess.internal.process.Bootstrap;
import dev.subprocess.internal.process.ChildJvm;
import dev.subprocess.internal.process.ParentWatch;
import dev.subprocess.internal.process.StackTraces;
import dev.subprocess.internal.process.Target;
import dev.subprocess.internal.wire.Arguments;
import dev.subprocess.internal.wire.Failures;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * The main class of a pool worker, a child JVM that a pool starts with {@code
 * -Ddev.subprocess.child=PoolWorker-N} on its command line and its bootstrap (see {@link
 * Protocol}) on its standard input.
 *
 * <p>Lifecycle: {@code BOOTING -> (initializer) -> CONNECTED -> RUNNING -> EXITED}. It runs the
 * pool's initializer, if any; connects back to the pool with a hello that says whether the
 * initializer returned; runs tasks until the pool says STOP (exit 0) or the link ends. Its parent's
 * death ends it as it ends any child (see {@link ParentWatch}). A throw in a task fails that task
 * only; a throw in the initializer is reported in the hello, and the worker exits 1.
 *
 * <p>Code run at start-up avoids lambdas and string concatenation bootstraps: each would add to
 * the time before the first task.
 */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) {
    String name = System.getProperty(ChildJvm.CHILD_PROPERTY);
    if (name == null) {
      System.err.println(
          "dev.subprocess.internal.pool.WorkerMain is a pool worker: a Pool starts it");
      System.exit(2);
      return;
    }
    // Loading the socket classes takes tens of milliseconds: do it while the bootstrap arrives.
    Thread warmUp = new Thread(new WarmUp(), "dev.subprocess warm-up");
    warmUp.setDaemon(true);
    warmUp.start();

    WireInput bootstrap = Bootstrap.read(System.in);
    // The tasks see an empty standard input, whatever the bootstrap left buffered.
    System.setIn(new ByteArrayInputStream(new byte[0]));
    ExitNotice notice = ExitNotice.install(ParentWatch.start());

    Capability pool = Capability.readFrom(bootstrap);
    Throwable initializerFailure = bootstrap.readBoolean() ? runInitializer(bootstrap) : null;

    WireOutput hello = Hub.hello(Protocol.HELLO, pool.id());
    hello.writeLong(ProcessHandle.current().pid());
    if (initializerFailure == null) {
      hello.writeByte(Protocol.READY);
    } else {
      hello.writeByte(Protocol.INITIALIZER_FAILED);
      Failures.write(hello, initializerFailure);
    }
    Link link;
    try {
      link = Link.connect(pool.address(), hello);
    } catch (IOException e) {
      System.err.println(name + ": cannot connect to its pool: " + e.getMessage());
      System.exit(1);
      return;
    }
    if (initializerFailure != null) {
      System.exit(1);
      return;
    }
    notice.connected(link);
    // The pool is authenticated: a task's arguments may be as large as a frame can be.
    link.maxFrameLength(Integer.MAX_VALUE);
    try {
      new TaskLoop(link).run();
    } catch (IOException | RuntimeException e) {
      System.err.println(name + ": the link to its pool failed: " + e);
      notice.exit(1);
    }
    notice.exit(0);
  }

  /**
   * Runs the initializer: {@code string launcher, varint argc, value[argc]}; returns what it threw,
   * or why it could not be run (an unknown launcher, arguments that do not decode or are not as
   * many as its parameters), or null.
   */
  static Throwable runInitializer(WireInput in) {
    Target<?> target;
    Object[] arguments;
    try {
      target = Entries.resolve(in.readString());
      arguments = Arguments.read(in, target.parameterTypes().size());
      in.expectEnd();
    } catch (Throwable t) {
      return t;
    }
    try {
      target.call(arguments);
      return null;
    } catch (Throwable t) {
      return StackTraces.trimmed(t, target);
    }
  }

  private static final class WarmUp implements Runnable {
    @Override
    public void run() {
      try {
        SocketChannel.open(StandardProtocolFamily.UNIX).close();
        Selector.open().close();
      } catch (IOException e) {
        // Only a head start: connect() will meet the same problem and report it.
      }
    }
  }
}

package dev.subprocess;

import dev.subprocess.internal.pipe.Transfers;
import dev.subprocess.internal.process.Child;
import dev.subprocess.internal.process.Invocation;
import dev.subprocess.internal.process.Outcome;
import dev.subprocess.internal.time.Timeouts;
import dev.subprocess.internal.wire.Failures;
import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.WireInput;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Subprocess @Subprocess} method run in a child JVM, the counterpart of Python's {@code
 * multiprocessing.Process}. The processor generates a final subclass per method, whose constructor
 * takes the method's arguments:
 *
 * <pre>{@code
 * GreetProcess p = new GreetProcess("Ada", 3).name("greeter").start();
 * String greeting = p.result(); // waits for the child, then returns its value
 * }</pre>
 *
 * <p>Lifecycle: {@code NEW -> RUNNING -> ENDED}. {@link #start()} spawns the child: a direct child
 * of this JVM running this JVM's {@code java}, class path and module path plus the method's {@code
 * jvmOptions}, with the launcher class and the process name on its command line and nothing else
 * of the call: the arguments travel on a private channel. Its standard input is empty; its standard
 * output and error are this JVM's, so everything it printed is there by the time {@link #join()}
 * returns.
 *
 * <p>Parents and children: when this JVM's {@code main} ends, the JVM stays until its non-daemon
 * children have ended, then terminates its daemon children. When it dies any other way ({@code
 * System.exit}, an uncaught error, SIGKILL), every child ends within a second.
 *
 * <p>Arguments and results must be <em>transferable</em>: primitives and their boxes, {@code
 * String}, enums, records of transferable components, arrays, {@code List}, {@code Set}, {@code
 * Map} and {@code Optional} of transferable, {@code byte[]}, {@code BigInteger}, {@code
 * BigDecimal}, {@code UUID}, {@code Instant}, {@code Duration}, {@code LocalDate}, {@code
 * LocalDateTime}, and the handles {@link Queue} and {@link Connection}, which travel by reference.
 * The processor checks this at compile time.
 *
 * <p>Instances are safe for use by several threads.
 *
 * @param <R> the method's return type, boxed; {@code Void} for a void method
 */
public abstract class Process<R> {
  private static final AtomicInteger COUNT = new AtomicInteger();

  private final Invocation<R> call;
  private String name;
  private boolean daemon;
  private volatile Child child;
  private R value;
  private boolean valueRead;

  /**
   * For generated subclasses: a process that will run {@code task}.
   *
   * @throws IllegalArgumentException if {@code task} was not made by a generated {@code task(...)}
   */
  protected Process(Task<R> task) {
    this.call = Invocation.of(task);
    this.name = "Process-" + COUNT.incrementAndGet();
  }

  /**
   * Spawns the child JVM: NEW → RUNNING.
   *
   * @return this process
   * @throws IllegalStateException if the process was started before
   * @throws IllegalArgumentException if an argument holds a value that is not transferable
   * @throws java.io.UncheckedIOException if the JVM cannot be started
   */
  public Process<R> start() {
    synchronized (this) {
      if (child != null) {
        throw new IllegalStateException(
            "start() needs a NEW process; " + name + " is " + state() + ": create another");
      }
      // Pipe ends among the arguments move to the child: each is told if the child ends unused.
      Transfers transfers = Transfers.begin();
      Child started;
      try {
        started = Child.start(call, name, daemon);
      } catch (RuntimeException | Error e) {
        transfers.end();
        transfers.notSent();
        throw e;
      }
      transfers.end();
      transfers.sentTo(started.process());
      child = started;
    }
    return this;
  }

  /**
   * Waits until the child has ended.
   *
   * @throws IllegalStateException if the process is NEW
   */
  public final void join() throws InterruptedException {
    outcome(started("join()"));
  }

  /**
   * Waits at most {@code timeout} for the child to end.
   *
   * @return true if it has ended
   * @throws IllegalStateException if the process is NEW
   */
  public final boolean join(Duration timeout) throws InterruptedException {
    Child c = started("join(Duration)");
    try {
      c.outcome().get(Timeouts.nanos(timeout), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot settle " + name, e.getCause());
    }
  }

  /** Whether the process is RUNNING: started, and its child has not ended. */
  public final boolean isAlive() {
    Child c = child;
    return c != null && !c.outcome().isDone();
  }

  /**
   * Sends SIGTERM to the child, which runs its shutdown hooks and ends with exit code −15. Does
   * nothing once the process has ended.
   *
   * @throws IllegalStateException if the process is NEW
   */
  public final void terminate() {
    Child c = started("terminate()");
    if (!c.outcome().isDone()) {
      c.terminate();
    }
  }

  /**
   * Sends SIGKILL to the child, which ends at once with exit code −9. Does nothing once the
   * process has ended.
   *
   * @throws IllegalStateException if the process is NEW
   */
  public final void kill() {
    Child c = started("kill()");
    if (!c.outcome().isDone()) {
      c.kill();
    }
  }

  /**
   * The child's OS process id.
   *
   * @throws IllegalStateException if the process is NEW
   */
  public final long pid() {
    return started("pid()").pid();
  }

  /** The name: {@code Process-N} unless set, N counting from 1 in this JVM. */
  public final synchronized String name() {
    return name;
  }

  /**
   * Sets the name, shown on the child's command line and in messages.
   *
   * @return this process
   * @throws IllegalStateException if the process is not NEW
   */
  public synchronized Process<R> name(String name) {
    Objects.requireNonNull(name, "name");
    requireNew("name(String)");
    this.name = name;
    return this;
  }

  /** Whether the child is a daemon: false unless set. */
  public final synchronized boolean daemon() {
    return daemon;
  }

  /**
   * Makes the child a daemon or not. When this JVM's {@code main} ends, the JVM waits for its
   * non-daemon children and terminates its daemon children.
   *
   * @return this process
   * @throws IllegalStateException if the process is not NEW
   */
  public synchronized Process<R> daemon(boolean daemon) {
    requireNew("daemon(boolean)");
    this.daemon = daemon;
    return this;
  }

  /**
   * Empty until the process has ended; then 0 when the method returned, 1 when it threw, n for
   * {@code System.exit(n)} (and for {@code Runtime.halt(n)} with n &lt; 128), −N for a death by
   * signal N (−15 after {@link #terminate()}, −9 after {@link #kill()}).
   */
  public final OptionalInt exitCode() {
    Child c = child;
    if (c == null || !c.outcome().isDone()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(c.outcome().join().exitCode());
  }

  /**
   * Waits for the child to end, then returns the method's value ({@code null} for a void method).
   *
   * @throws SubprocessException if the exit code is not 0 (when the method threw, its cause is a
   *     {@link RemoteException} with the child's exception), or if the child ended without
   *     returning a value that can be read here: {@code System.exit(0)} inside the method, an
   *     outcome that could not be recorded or read
   * @throws IllegalStateException if the process is NEW
   */
  public final R result() throws InterruptedException {
    Child c = started("result()");
    Outcome outcome = outcome(c);
    if (outcome.exitCode() != 0) {
      throw failure(outcome, c.pid());
    }
    if (!outcome.returned()) {
      String why = outcome.unreadable() != null
          ? outcome.unreadable()
          : "System.exit inside the method, or an outcome that could not be recorded";
      throw new SubprocessException(
          describe(c.pid(), 0) + " before its method returned a value (" + why + ")", 0, c.pid(),
          null);
    }
    synchronized (this) {
      if (!valueRead) {
        value = decode(outcome, c.pid());
        valueRead = true;
      }
      return value;
    }
  }

  /**
   * Runs the method here, in this JVM, and returns its value, as Python's {@code run()} does.
   * Unchecked exceptions and errors pass through.
   *
   * @throws SubprocessException wrapping a checked exception of the method
   */
  public final R run() {
    try {
      return call.target().call(call.arguments());
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new SubprocessException(
          name() + " threw " + e, 1, ProcessHandle.current().pid(), e);
    }
  }

  @Override
  public String toString() {
    Child c = child;
    StringBuilder s = new StringBuilder(getClass().getSimpleName()).append('[').append(name());
    if (c != null) {
      s.append(", pid ").append(c.pid());
    }
    s.append(", ").append(state());
    OptionalInt exitCode = exitCode();
    if (exitCode.isPresent()) {
      s.append(", exit code ").append(exitCode.getAsInt());
    }
    return s.append(']').toString();
  }

  private String state() {
    Child c = child;
    return c == null ? "NEW" : c.outcome().isDone() ? "ENDED" : "RUNNING";
  }

  private void requireNew(String member) {
    if (child != null) {
      throw new IllegalStateException(
          member + " needs a NEW process; " + name + " is " + state());
    }
  }

  private Child started(String member) {
    Child c = child;
    if (c == null) {
      throw new IllegalStateException(
          member + " needs a started process; " + name() + " is NEW: call start() first");
    }
    return c;
  }

  private Outcome outcome(Child c) throws InterruptedException {
    try {
      return c.outcome().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot settle " + name(), e.getCause());
    }
  }

  @SuppressWarnings("unchecked") // the value is what the method, whose type is R, returned
  private R decode(Outcome outcome, long pid) {
    try {
      return (R) outcome.value();
    } catch (RuntimeException e) {
      // A record's constructor that refused its components is the user's own exception, and the
      // cause; the runtime's internal exceptions never reach the user: their message says it all.
      boolean internal = e.getClass().getName().startsWith("dev.subprocess.internal.");
      throw new SubprocessException(
          describe(pid, 0) + " but its value could not be read: "
              + (internal ? e.getMessage() : e.toString()),
          0, pid, internal ? null : e);
    }
  }

  private SubprocessException failure(Outcome outcome, long pid) {
    String message = describe(pid, outcome.exitCode());
    RemoteException remote = null;
    WireInput failure = outcome.failure();
    if (failure != null) {
      try {
        remote = RemoteException.of(Failures.readFailure(failure));
        message += ": " + remote;
      } catch (MalformedMessageException e) {
        message += " (what it threw could not be read: " + e.getMessage() + ")";
      }
    } else if (outcome.unreadable() != null) {
      message += " (" + outcome.unreadable() + ")";
    }
    return new SubprocessException(message, outcome.exitCode(), pid, remote);
  }

  /** "Process-1 (pid 42) exited with exit code 0". */
  private String describe(long pid, int exitCode) {
    return name() + " (pid " + pid + ") " + Outcome.describe(exitCode);
  }
}

package dev.subprocess;

import dev.subprocess.internal.pool.FailureFactory;
import dev.subprocess.internal.pool.PoolEngine;
import dev.subprocess.internal.pool.ResultIterator;
import dev.subprocess.internal.process.Invocation;
import dev.subprocess.internal.wire.RemoteFailure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Worker JVMs that run {@link Subprocess @Subprocess} methods, task after task: the counterpart
 * of Python's {@code multiprocessing.Pool}.
 *
 * <pre>{@code
 * try (Pool pool = new Pool(3)) {
 *   int r = pool.apply(SquareProcess.task(5));                            // blocks
 *   CompletableFuture<Integer> f = pool.applyAsync(SquareProcess.task(4));
 *   List<Integer> all = pool.map(SquareProcess::task, List.of(1, 2, 3));  // in order
 *   Iterator<Integer> it = pool.imap(SquareProcess::task, inputs);        // lazy, in order
 *   Iterator<Integer> any = pool.imapUnordered(SquareProcess::task, inputs);
 * }                                                                       // close(): waits
 * }</pre>
 *
 * <p>Lifecycle: {@code RUNNING -> CLOSED}, by {@link #close()}: no new task, the tasks submitted
 * run to their end, then the workers exit; and {@code RUNNING | CLOSED -> TERMINATED}, by {@link
 * #terminate()}: every task not done fails at once, the workers are stopped. {@link #join()} waits
 * for the workers to exit, in either state.
 *
 * <p>Workers are long-lived child JVMs, started when the pool is created, each named {@code
 * PoolWorker-N} on its command line. Any {@code @Subprocess} method on the class path can run in
 * any worker; a worker runs nothing else. They run this JVM's {@code java}, class path and module
 * path with the pool's {@link Builder#jvmOptions jvmOptions} (a method's own {@code jvmOptions} do
 * not apply in a pool), and {@code -XX:+ExitOnOutOfMemoryError}, so that a worker that runs out of
 * memory dies rather than limps on. They are daemons: they never keep this JVM alive, and end with
 * it.
 *
 * <p>Small tasks are fast: each worker holds several tasks at once (about two milliseconds of work,
 * judged by how long tasks take), and tasks and results travel in batches. {@code map} cuts its
 * inputs into batches as Python does; {@code imap} and {@code imapUnordered} size theirs by how
 * long tasks take; {@link Builder#batchSize} fixes the size instead. A task that takes longer is
 * given to a worker only when the worker is free, as Python does.
 *
 * <p>Faults never hang a pool:
 *
 * <ul>
 *   <li>A task whose method throws fails alone, with a {@link SubprocessException} of exit code 1
 *       whose cause is the {@link RemoteException}; its worker goes on.
 *   <li>A result that this JVM cannot decode (more than its heap holds, say), or that the worker
 *       cannot send (more than a quarter of the worker's heap), fails its task alone, with a {@link
 *       SubprocessException} that says so; the worker goes on.
 *   <li>A worker that dies ({@code Runtime.halt}, a signal, an {@code OutOfMemoryError}) fails the
 *       tasks it held (some may not have started) with a {@code SubprocessException} that names its
 *       pid and exit code ({@code -N} for signal N), and is replaced.
 *   <li>A worker that can't start (bad JVM options, a failing initializer) fails the tasks with an
 *       error in the JVM's own words, or the initializer's {@code RemoteException}. When no worker
 *       of the pool could ever start, every later task fails the same way.
 * </ul>
 *
 * <p>The future of {@link #applyAsync} is completed on a thread of the pool, which also runs the
 * stages chained to it: keep those short, or give them an executor ({@code thenApplyAsync}). A
 * call there that would wait for the pool's results ({@code apply}, {@code map}, {@code next()},
 * {@code close}, {@code join}) would wait forever, and throws {@link IllegalStateException}
 * instead. Cancelling a future does not stop its task. Instances are safe for use by several
 * threads; an iterator that {@code imap} returns is for one thread at a time.
 */
public final class Pool implements AutoCloseable {
  private static final FailureFactory FAILURES = new Exceptions();

  private final PoolEngine engine;
  private final int processes;
  private final int maxTasksPerChild;
  private final int batchSize;

  /** A pool of one worker per processor. */
  public Pool() {
    this(builder());
  }

  /**
   * A pool of {@code processes} workers.
   *
   * @throws IllegalArgumentException if {@code processes} is less than 1
   */
  public Pool(int processes) {
    this(builder().processes(processes));
  }

  private Pool(Builder builder) {
    this.processes = builder.processes;
    this.maxTasksPerChild = builder.maxTasksPerChild;
    this.batchSize = builder.batchSize;
    this.engine =
        PoolEngine.start(
            builder.processes,
            builder.maxTasksPerChild,
            builder.jvmOptions,
            builder.initializer == null ? null : Invocation.of(builder.initializer),
            FAILURES);
  }

  /** A builder of a pool with more than a number of workers. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs a task in a worker and returns its value (Python's {@code apply}).
   *
   * @throws SubprocessException if the task failed: its method threw (exit code 1, and the {@link
   *     RemoteException} as the cause), its worker died, or the pool was terminated
   * @throws IllegalStateException if the pool is closed or terminated, or if called in a stage
   *     chained to one of its futures (see the class comment)
   * @throws IllegalArgumentException if an argument is not transferable
   */
  public <R> R apply(Task<R> task) throws InterruptedException {
    engine.requireNotDelivering("apply()");
    CompletableFuture<R> future = applyAsync(task);
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw rethrown(e.getCause());
    }
  }

  /**
   * Submits a task (Python's {@code apply_async}). The future fails with a {@link
   * SubprocessException} as {@link #apply} throws it.
   *
   * @throws IllegalStateException if the pool is closed or terminated
   * @throws IllegalArgumentException if an argument is not transferable
   */
  public <R> CompletableFuture<R> applyAsync(Task<R> task) {
    return engine.submit(Invocation.of(task));
  }

  /**
   * Runs {@code function}'s task for each input and returns their values in the order of the
   * inputs (Python's {@code map}). The inputs are read at once, and cut into batches.
   *
   * @throws SubprocessException of the first task, in the order of the inputs, that failed
   * @throws IllegalStateException if the pool is closed or terminated
   * @throws IllegalArgumentException if an argument is not transferable
   */
  public <T, R> List<R> map(Function<? super T, Task<R>> function, Iterable<T> inputs)
      throws InterruptedException {
    Objects.requireNonNull(function, "function");
    engine.requireNotDelivering("map()");
    Collection<T> all = collection(Objects.requireNonNull(inputs, "inputs"));
    int n = all.size();
    engine.requireRunning();
    // As Python does: four batches per worker.
    int batch = batchSize > 0 ? batchSize : Math.max(1, (n + 4 * processes - 1) / (4 * processes));
    if (maxTasksPerChild > 0) {
      batch = Math.min(batch, maxTasksPerChild);
    }
    ResultIterator<T, R> results =
        engine.ordered(all.iterator(), calls(function), batch, Math.max(1, n));
    List<R> values = new ArrayList<>(n);
    while (results.hasNext()) {
      values.add(results.nextInterruptibly());
    }
    return values;
  }

  /**
   * Runs {@code function}'s task for each input and returns their values in the order of the
   * inputs, each as soon as it and those before it are done (Python's {@code imap}). Returns at
   * once; inputs are read as workers need them, a bounded number ahead of the results taken, so an
   * endless {@code Iterable} works. The inputs and {@code function} are called on the thread that
   * calls {@code hasNext()} and {@code next()}.
   *
   * <p>{@code next()} throws the {@link SubprocessException} of a task that failed, at its place;
   * an exception of the inputs or of {@code function} at the place of that input; an {@link
   * IllegalStateException} for the inputs left when the pool was closed; and a {@link
   * java.util.concurrent.CancellationException} if its thread is interrupted while it waits.
   */
  public <T, R> Iterator<R> imap(Function<? super T, Task<R>> function, Iterable<T> inputs) {
    engine.requireRunning();
    return engine.ordered(
        Objects.requireNonNull(inputs, "inputs").iterator(),
        calls(Objects.requireNonNull(function, "function")),
        batchSize,
        readAhead());
  }

  /**
   * As {@link #imap}, but each value comes as soon as its task is done, in whatever order (Python's
   * {@code imap_unordered}).
   */
  public <T, R> Iterator<R> imapUnordered(
      Function<? super T, Task<R>> function, Iterable<T> inputs) {
    engine.requireRunning();
    return engine.unordered(
        Objects.requireNonNull(inputs, "inputs").iterator(),
        calls(Objects.requireNonNull(function, "function")),
        batchSize,
        readAhead());
  }

  /**
   * RUNNING → CLOSED: takes no new task, waits for the tasks submitted to be done, then for the
   * workers to exit (those that don't within 5 seconds are killed). If this thread is interrupted
   * meanwhile, terminates the pool instead and returns with the interrupt flag set. Idempotent.
   */
  @Override
  public void close() {
    engine.close();
  }

  /**
   * Waits for the workers to exit, after {@link #close()} or {@link #terminate()} (Python's {@code
   * join}).
   *
   * @throws IllegalStateException if the pool is RUNNING
   */
  public void join() throws InterruptedException {
    engine.join();
  }

  /**
   * → TERMINATED: fails every task not done with a {@link SubprocessException} (exit code −15), at
   * once, and sends the workers SIGTERM (Python's {@code terminate}); {@link #join()} then waits for
   * them, and kills those still alive after 5 seconds. Idempotent.
   */
  public void terminate() {
    engine.terminate();
  }

  @Override
  public String toString() {
    return "Pool[processes=" + processes + ", " + engine.state() + "]";
  }

  private int readAhead() {
    return Math.max(1024, 4 * processes * (batchSize > 0 ? batchSize : PoolEngine.MAX_AUTO_BATCH));
  }

  private static <T> Collection<T> collection(Iterable<T> inputs) {
    if (inputs instanceof Collection) {
      return (Collection<T>) inputs;
    }
    List<T> all = new ArrayList<>();
    for (T input : inputs) {
      all.add(input);
    }
    return all;
  }

  /** What the engine takes: the invocation behind each task. */
  private static <T, R> Function<T, Invocation<R>> calls(Function<? super T, Task<R>> function) {
    return input -> Invocation.of(function.apply(input));
  }

  private static RuntimeException rethrown(Throwable failure) {
    if (failure instanceof RuntimeException) {
      return FAILURES.rethrown((RuntimeException) failure);
    }
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    return new IllegalStateException(failure);
  }

  /** How the engine's failures reach the user: {@link SubprocessException}s. */
  private static final class Exceptions implements FailureFactory {
    @Override
    public RuntimeException taskFailed(String message, int exitCode, long pid, Throwable cause) {
      return new SubprocessException(message, exitCode, pid, cause);
    }

    @Override
    public RuntimeException remoteCause(RemoteFailure failure) {
      return RemoteException.of(failure);
    }

    @Override
    public RuntimeException rethrown(RuntimeException failure) {
      if (failure instanceof SubprocessException) {
        // A new exception, whose stack trace shows this call, with the same story.
        SubprocessException e = (SubprocessException) failure;
        return new SubprocessException(e.getMessage(), e.exitCode(), e.pid(), e.getCause());
      }
      return failure;
    }
  }

  /**
   * Configures a {@link Pool}: {@code Pool.builder().processes(4).maxTasksPerChild(100).build()}.
   * Not thread-safe.
   */
  public static final class Builder {
    private int processes = Runtime.getRuntime().availableProcessors();
    private int maxTasksPerChild;
    private Task<?> initializer;
    private List<String> jvmOptions = List.of();
    private int batchSize;

    private Builder() {}

    /**
     * The number of workers; by default, one per processor.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder processes(int processes) {
      if (processes < 1) {
        throw new IllegalArgumentException("processes must be at least 1, not " + processes);
      }
      this.processes = processes;
      return this;
    }

    /**
     * How many tasks a worker runs before it exits and a new one takes its place; 0, the default,
     * for no limit (Python's {@code maxtasksperchild}). With a limit, batches are no larger.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder maxTasksPerChild(int maxTasksPerChild) {
      if (maxTasksPerChild < 0) {
        throw new IllegalArgumentException(
            "maxTasksPerChild must be 0 (no limit) or more, not " + maxTasksPerChild);
      }
      this.maxTasksPerChild = maxTasksPerChild;
      return this;
    }

    /**
     * A task that each worker runs once, before its first task (Python's {@code initializer} and
     * {@code initargs}); null for none. If it throws, the worker does not start: the tasks fail
     * with its {@link RemoteException} as the cause.
     *
     * @throws IllegalArgumentException if the task was not made by a generated {@code task(...)}
     */
    public Builder initializer(Task<?> initializer) {
      if (initializer != null) {
        Invocation.of(initializer);
      }
      this.initializer = initializer;
      return this;
    }

    /** Options for the workers' JVMs, e.g. {@code "-Xmx256m"}; none by default. */
    public Builder jvmOptions(String... jvmOptions) {
      this.jvmOptions = List.copyOf(Arrays.asList(jvmOptions));
      return this;
    }

    /**
     * How many tasks of {@code map}, {@code imap} and {@code imapUnordered} go to a worker
     * together (Python's {@code chunksize}); 0, the default, to choose: {@code map} makes four
     * batches per worker, as Python does, and the iterators size theirs by how long tasks take. 1
     * sends tasks one by one (still several in flight at once).
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 0) {
        throw new IllegalArgumentException(
            "batchSize must be 0 (automatic) or more, not " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Starts the pool's workers and returns it; they connect while the pool takes tasks.
     *
     * @throws IllegalArgumentException if the initializer's arguments are not transferable
     * @throws java.io.UncheckedIOException if a worker JVM cannot be started
     */
    public Pool build() {
      return new Pool(this);
    }
  }
}

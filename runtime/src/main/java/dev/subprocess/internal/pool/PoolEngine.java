package dev.subprocess.internal.pool;

import dev.subprocess.internal.process.Invocation;
import dev.subprocess.internal.wire.Arguments;
import dev.subprocess.internal.wire.WireOutput;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What the API's pool asks of its engine. Tasks come in as invocations; failures go out as
 * the exceptions the pool's {@link FailureFactory} makes. Thread-safe.
 */
public final class PoolEngine {
  /** The largest batch that {@code imap} makes by itself. */
  public static final int MAX_AUTO_BATCH = ResultIterator.MAX_AUTO_BATCH;

  /** Before the user's options, which may override them. */
  private static final String[] WORKER_OPTIONS = {"-XX:+ExitOnOutOfMemoryError"};

  private final PoolCore core;

  private PoolEngine(PoolCore core) {
    this.core = core;
  }

  /**
   * Starts a pool's workers.
   *
   * @param maxTasksPerChild 0 for no limit
   * @param initializer null for none
   * @throws IllegalArgumentException if the initializer's arguments are not transferable
   */
  public static PoolEngine start(
      int processes, int maxTasksPerChild, List<String> jvmOptions, Invocation<?> initializer,
      FailureFactory failures) {
    List<String> options = new ArrayList<>(List.of(WORKER_OPTIONS));
    options.addAll(jvmOptions);
    PoolCore core =
        new PoolCore(
            maxTasksPerChild, List.copyOf(options),
            initializer == null ? null : initializerRecord(initializer), failures);
    core.start(processes);
    return new PoolEngine(core);
  }

  /**
   * The initializer as a worker's bootstrap carries it: {@code string launcher, varint argc,
   * value[argc]}.
   */
  static byte[] initializerRecord(Invocation<?> initializer) {
    WireOutput out = new WireOutput(64);
    out.writeString(initializer.target().id());
    Arguments.write(out, initializer.arguments());
    return out.toByteArray();
  }

  /**
   * Submits one task.
   *
   * @throws IllegalStateException if the pool is closed or terminated
   * @throws IllegalArgumentException if an argument is not transferable
   */
  public <R> CompletableFuture<R> submit(Invocation<R> call) {
    FutureSink<R> sink = new FutureSink<>();
    JobEncoder encoder = new JobEncoder(core.entryIds(), 64);
    encoder.add(call);
    core.submitAll(List.of(encoder.finish(sink, 0)));
    return sink.future();
  }

  /** The results of tasks made from inputs, in order; see {@link ResultIterator}. */
  public <T, R> ResultIterator<T, R> ordered(
      Iterator<? extends T> inputs, Function<? super T, ? extends Invocation<R>> function, int batchSize,
      int readAhead) {
    return new OrderedResults<>(core, inputs, function, batchSize, readAhead);
  }

  /** The results of tasks made from inputs, as they come; see {@link ResultIterator}. */
  public <T, R> ResultIterator<T, R> unordered(
      Iterator<? extends T> inputs, Function<? super T, ? extends Invocation<R>> function, int batchSize,
      int readAhead) {
    return new UnorderedResults<>(core, inputs, function, batchSize, readAhead);
  }

  /**
   * Refuses a call that would wait for the pool's results on the thread that delivers them.
   *
   * @throws IllegalStateException on such a thread
   */
  public void requireNotDelivering(String member) {
    core.requireNotDelivering(member);
  }

  /** @throws IllegalStateException if the pool is closed or terminated */
  public void requireRunning() {
    PoolCore.State state = core.state();
    if (state != PoolCore.State.RUNNING) {
      throw new IllegalStateException(
          "the pool is " + state.name().toLowerCase(java.util.Locale.ROOT)
              + ": it takes no new tasks");
    }
  }

  public void close() {
    core.close();
  }

  public void join() throws InterruptedException {
    core.join();
  }

  public void terminate() {
    core.terminate();
  }

  /** RUNNING, CLOSED or TERMINATED. */
  public String state() {
    return core.state().name();
  }
}

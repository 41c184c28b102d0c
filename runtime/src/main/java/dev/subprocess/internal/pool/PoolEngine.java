package dev.subprocess.internal.pool;

import dev.subprocess.Task;
import dev.subprocess.internal.Call;
import dev.subprocess.internal.wire.Values;
import dev.subprocess.internal.wire.WireOutput;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** What {@link dev.subprocess.Pool} asks of its engine, the {@link Dispatcher}. */
public final class PoolEngine {
  /** The largest batch that {@code imap} makes by itself. */
  public static final int MAX_AUTO_BATCH = ResultIterator.MAX_AUTO_BATCH;

  /** Before the user's options, which may override them. */
  private static final String[] WORKER_OPTIONS = {"-XX:+ExitOnOutOfMemoryError"};

  private final Dispatcher dispatcher;

  private PoolEngine(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  /**
   * Starts a pool's workers.
   *
   * @param maxTasksPerChild 0 for no limit
   * @param initializer null for none
   * @throws IllegalArgumentException if the initializer's arguments are not transferable
   */
  public static PoolEngine start(
      int processes, int maxTasksPerChild, List<String> jvmOptions, Call<?> initializer) {
    List<String> options = new ArrayList<>(List.of(WORKER_OPTIONS));
    options.addAll(jvmOptions);
    Dispatcher dispatcher =
        new Dispatcher(
            processes, maxTasksPerChild, List.copyOf(options),
            initializer == null ? null : initializerRecord(initializer));
    dispatcher.start();
    return new PoolEngine(dispatcher);
  }

  /** The initializer as a worker's bootstrap carries it: {@code string launcher, varint argc,
   * value[argc]}. */
  private static byte[] initializerRecord(Call<?> initializer) {
    WireOutput out = new WireOutput(64);
    out.writeString(initializer.entry().id());
    Object[] arguments = initializer.arguments();
    out.writeVarInt(arguments.length);
    for (Object argument : arguments) {
      Values.write(out, argument);
    }
    return out.toByteArray();
  }

  /**
   * Submits one task.
   *
   * @throws IllegalStateException if the pool is closed or terminated
   * @throws IllegalArgumentException if an argument is not transferable
   */
  public <R> CompletableFuture<R> submit(Call<R> call) {
    FutureSink<R> sink = new FutureSink<>();
    JobEncoder encoder = new JobEncoder(dispatcher.entryIds(), 64);
    encoder.add(call);
    dispatcher.submit(encoder.finish(sink, 0));
    return sink.future();
  }

  /** The results of tasks made from inputs, in order; see {@link ResultIterator}. */
  public <T, R> ResultIterator<T, R> ordered(
      Iterator<? extends T> inputs, Function<? super T, Task<R>> function, int batchSize,
      int readAhead) {
    return new OrderedResults<>(dispatcher, inputs, function, batchSize, readAhead);
  }

  /** The results of tasks made from inputs, as they come; see {@link ResultIterator}. */
  public <T, R> ResultIterator<T, R> unordered(
      Iterator<? extends T> inputs, Function<? super T, Task<R>> function, int batchSize,
      int readAhead) {
    return new UnorderedResults<>(dispatcher, inputs, function, batchSize, readAhead);
  }

  /**
   * Refuses a call that would wait for the pool's results on the thread that delivers them.
   *
   * @throws IllegalStateException on such a thread
   */
  public void requireNotDelivering(String member) {
    dispatcher.requireNotDelivering(member);
  }

  /** @throws IllegalStateException if the pool is closed or terminated */
  public void requireRunning() {
    if (dispatcher.state() != Dispatcher.State.RUNNING) {
      throw new IllegalStateException(
          "the pool is " + dispatcher.state().name().toLowerCase(java.util.Locale.ROOT)
              + ": it takes no new tasks");
    }
  }

  public void close() {
    dispatcher.close();
  }

  public void join() throws InterruptedException {
    dispatcher.join();
  }

  public void terminate() {
    dispatcher.terminate();
  }

  /** RUNNING, CLOSED or TERMINATED. */
  public String state() {
    return dispatcher.state().name();
  }
}

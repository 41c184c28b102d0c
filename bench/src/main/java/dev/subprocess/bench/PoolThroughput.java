package dev.subprocess.bench;

import dev.subprocess.Pool;
import dev.subprocess.Subprocess;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * Issue 3: 20,000 trivial tasks ({@code x * x}) through a pool of 2 workers, three ways, against
 * Python's {@code multiprocessing.Pool(2)} with the fork start method; and the time from creating a
 * pool to its first result. Targets: applyAsync and imap without batching at least 5 times Python,
 * map at least as fast.
 *
 * <p>The throughput is measured on one pool per contender that lives for the whole benchmark, as
 * a program uses a pool (the warm-up rounds warm it); the first result, on a new pool each round,
 * closed afterwards.
 */
final class PoolThroughput implements Benchmark {
  static final int TASKS = 20_000;

  private static final Metric APPLY_ASYNC =
      Metric.perSecond("apply_async", "20,000 x*x: applyAsync one by one, then every result");
  private static final Metric IMAP =
      Metric.perSecond("imap", "20,000 x*x: imap, batches of 1 (Python chunksize=1)");
  private static final Metric MAP = Metric.perSecond("map", "20,000 x*x: map, default batches");
  private static final Metric FIRST_RESULT =
      Metric.seconds("first_result", "from creating a pool of 2 to its first result");

  /** The task. */
  @Subprocess
  static int square(int x) {
    return x * x;
  }

  /** What every round's results must add up to. */
  private static final long EXPECTED_SUM = sumOfSquares(TASKS);

  @Override
  public String name() {
    return "pool";
  }

  @Override
  public String title() {
    return "Pool(2) running 20,000 x*x three ways, and its time to a first result, vs Python's"
        + " multiprocessing.Pool(2) (issue 3)";
  }

  @Override
  public List<Metric> metrics() {
    return List.of(APPLY_ASYNC, IMAP, MAP, FIRST_RESULT);
  }

  @Override
  public List<Contender> contenders(Settings settings) throws Exception {
    return List.of(
        new Ours(),
        PythonContender.start(
            settings,
            "python",
            "multiprocessing.get_context(\"fork\").Pool(2): apply_async, imap(chunksize=1), map;"
                + " Pool(2) + apply",
            "pool.py"));
  }

  @Override
  public List<Ratio> ratios() {
    return List.of(
        Ratio.of("ours", "python", APPLY_ASYNC).withTarget(Ratio.Target.atLeast(5)),
        Ratio.of("ours", "python", IMAP).withTarget(Ratio.Target.atLeast(5)),
        Ratio.of("ours", "python", MAP).withTarget(Ratio.Target.atLeast(1)),
        Ratio.of("ours", "python", FIRST_RESULT));
  }

  /**
   * Enough for the JIT of this JVM and of the two workers to settle on two cores: some three
   * seconds of their work. {@code map} runs at about half its pace before (see the README).
   */
  @Override
  public int warmupRounds() {
    return 30;
  }

  @Override
  public int rounds() {
    return 10;
  }

  private static final class Ours implements Contender {
    private final List<Integer> inputs = IntStream.range(0, TASKS).boxed().toList();
    private Pool pool;
    private Pool unbatched;

    @Override
    public String name() {
      return "ours";
    }

    @Override
    public String description() {
      return "new Pool(2): applyAsync, imap (batchSize 1), map; new Pool(2) + apply";
    }

    @Override
    public Sample runRound() throws InterruptedException {
      if (pool == null) {
        pool = new Pool(2);
        unbatched = Pool.builder().processes(2).batchSize(1).build();
      }
      long start = System.nanoTime();
      List<CompletableFuture<Integer>> futures = new ArrayList<>(TASKS);
      for (int i = 0; i < TASKS; i++) {
        futures.add(pool.applyAsync(SquareProcess.task(i)));
      }
      long sum = 0;
      for (CompletableFuture<Integer> future : futures) {
        sum += future.join();
      }
      double applyAsync = rate(start, sum);

      start = System.nanoTime();
      sum = 0;
      for (Iterator<Integer> it = unbatched.imap(SquareProcess::task, inputs); it.hasNext(); ) {
        sum += it.next();
      }
      double imap = rate(start, sum);

      start = System.nanoTime();
      sum = 0;
      for (int value : pool.map(SquareProcess::task, inputs)) {
        sum += value;
      }
      double map = rate(start, sum);

      start = System.nanoTime();
      double firstResult;
      try (Pool fresh = new Pool(2)) {
        int value = fresh.apply(SquareProcess.task(3));
        firstResult = (System.nanoTime() - start) / 1e9;
        check(value, 9);
      }
      return new Sample(
          Map.of(
              APPLY_ASYNC.key(), applyAsync,
              IMAP.key(), imap,
              MAP.key(), map,
              FIRST_RESULT.key(), firstResult));
    }

    @Override
    public void close() {
      if (pool != null) {
        pool.close();
        unbatched.close();
      }
    }
  }

  private static double rate(long startNanos, long sum) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    check(sum, EXPECTED_SUM);
    return TASKS / seconds;
  }

  private static void check(long actual, long expected) {
    if (actual != expected) {
      throw new IllegalStateException("wrong results: " + actual + " instead of " + expected);
    }
  }

  private static long sumOfSquares(int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += (long) (i * i);
    }
    return sum;
  }
}

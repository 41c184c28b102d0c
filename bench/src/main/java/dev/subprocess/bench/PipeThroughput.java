package dev.subprocess.bench;

import dev.subprocess.Connection;
import dev.subprocess.Pipe;
import dev.subprocess.Process;
import dev.subprocess.Subprocess;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Issue 4: a {@link Pipe} between the parent and a child, against Python's {@code
 * multiprocessing.Pipe} (fork start method): 200,000 small messages ({@code Integer}) one way,
 * child to parent; then 20,000 round trips, parent to child and back, each timed, of which each
 * round reports the median and the 99th percentile. Targets: one way at least 10 times Python's
 * rate; the median round trip no slower than Python's.
 *
 * <p>The child lives for the whole benchmark and serves each request of the parent, so that its
 * JIT is warm after the warm-up rounds. The one-way clock starts at the first message received.
 */
final class PipeThroughput implements Benchmark {
  static final int COUNT = 200_000;
  static final int TRIPS = 20_000;

  static final int ONE_WAY = -1;
  static final int PING_PONG = -2;
  static final int STOP = -3;

  private static final Metric ONE_WAY_RATE =
      Metric.perSecond("one_way", "200,000 Integer, child send -> parent recv");
  private static final Metric MEDIAN =
      Metric.seconds("round_trip_median", "round trip parent -> child -> parent, median");
  private static final Metric P99 =
      Metric.seconds("round_trip_p99", "round trip parent -> child -> parent, 99th percentile");

  /** The child: serves requests until {@link #STOP}. */
  @Subprocess
  static void serve(Connection<Integer> connection) throws InterruptedException {
    for (int request = connection.recv(); request != STOP; request = connection.recv()) {
      if (request == ONE_WAY) {
        for (int i = 0; i < COUNT; i++) {
          connection.send(i);
        }
      } else {
        for (int i = 0; i < TRIPS; i++) {
          connection.send(connection.recv());
        }
      }
    }
  }

  @Override
  public String name() {
    return "pipe";
  }

  @Override
  public String title() {
    return "Pipe, parent <-> child: one way, and round trips, vs Python's multiprocessing.Pipe"
        + " (issue 4)";
  }

  @Override
  public List<Metric> metrics() {
    return List.of(ONE_WAY_RATE, MEDIAN, P99);
  }

  @Override
  public List<Contender> contenders(Settings settings) throws Exception {
    return List.of(
        new Ours(),
        PythonContender.start(
            settings,
            "python",
            "multiprocessing.get_context(\"fork\").Pipe(): a Process sends, or echoes",
            "pipe_throughput.py"));
  }

  @Override
  public List<Ratio> ratios() {
    return List.of(
        Ratio.of("ours", "python", ONE_WAY_RATE).withTarget(Ratio.Target.atLeast(10)),
        Ratio.of("ours", "python", MEDIAN).withTarget(Ratio.Target.atMost(1)),
        Ratio.of("ours", "python", P99));
  }

  @Override
  public int warmupRounds() {
    return 3;
  }

  @Override
  public int rounds() {
    return 10;
  }

  private static final class Ours implements Contender {
    private Connection<Integer> connection;
    private Process<Void> child;
    private final long[] trips = new long[TRIPS];

    @Override
    public String name() {
      return "ours";
    }

    @Override
    public String description() {
      return "Pipe.open(): a @Subprocess child sends, or echoes";
    }

    @Override
    public Sample runRound() throws InterruptedException {
      if (child == null) {
        Pipe<Integer> pipe = Pipe.open();
        connection = pipe.first();
        child = new ServeProcess(pipe.second()).start();
      }
      connection.send(ONE_WAY);
      long sum = connection.recv();
      long start = System.nanoTime();
      for (int i = 1; i < COUNT; i++) {
        sum += connection.recv();
      }
      double oneWay = (COUNT - 1) / ((System.nanoTime() - start) / 1e9);
      QueueThroughput.check(sum, (long) COUNT * (COUNT - 1) / 2);

      connection.send(PING_PONG);
      for (int i = 0; i < TRIPS; i++) {
        long t = System.nanoTime();
        connection.send(i);
        int echoed = connection.recv();
        trips[i] = System.nanoTime() - t;
        QueueThroughput.check(echoed, i);
      }
      Arrays.sort(trips);
      return new Sample(
          Map.of(
              ONE_WAY_RATE.key(), oneWay,
              MEDIAN.key(), trips[TRIPS / 2] / 1e9,
              P99.key(), trips[TRIPS * 99 / 100] / 1e9));
    }

    @Override
    public void close() {
      if (child == null) {
        return;
      }
      try {
        connection.send(STOP);
        child.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        if (child.isAlive()) {
          child.kill();
        }
        connection.close();
      }
    }
  }
}

package dev.subprocess.bench;

import dev.subprocess.Process;
import dev.subprocess.Queue;
import dev.subprocess.Subprocess;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Issue 4: one producer process to one consumer process through a {@link Queue}, 200,000 {@code
 * Integer}s, then 200,000 {@code byte[1024]}s, against Python's {@code multiprocessing.Queue} (fork
 * start method). Targets: at least 10 times Python's rate for the integers, 5 times its bandwidth
 * for the arrays.
 *
 * <p>For the targets the consumer is the parent, which created the queue (as a Python program that
 * starts a producer does); the producer is a child. Two more figures, with no target, show the
 * other ways: the parent puts and a child gets, and one child puts while another gets, through a
 * queue of the parent. The children live for the whole benchmark and work when the parent asks,
 * so that their JIT, like Python's imports, is warm after the warm-up rounds. The clock of the
 * first two starts when the first element arrives and stops at the last; that of the other two
 * runs from the request to the consumer's report of its sum.
 */
final class QueueThroughput implements Benchmark {
  static final int COUNT = 200_000;
  static final int BLOB = 1024;

  static final int STOP = 0;
  static final int INTEGERS = 1;
  static final int BLOBS = 2;
  static final int INTEGERS_TO_SIBLING = 3;
  static final int FROM_PARENT = 4;
  static final int FROM_SIBLING = 5;

  private static final Metric INTS =
      Metric.perSecond("ints", "200,000 Integer, child put -> parent get");
  private static final Metric BYTES =
      Metric.bytesPerSecond("bytes", "200,000 byte[1024], child put -> parent get");
  private static final Metric TO_CHILD =
      Metric.perSecond("ints_to_child", "200,000 Integer, parent put -> child get");
  private static final Metric CHILD_TO_CHILD =
      Metric.perSecond(
          "ints_child_to_child", "200,000 Integer, child put -> child get, queue in the parent");

  /** The producer: serves requests until {@link #STOP}. */
  @Subprocess
  static void produce(
      Queue<Integer> requests, Queue<Integer> integers, Queue<byte[]> blobs,
      Queue<Integer> between)
      throws InterruptedException {
    byte[] blob = new byte[BLOB];
    for (int request = requests.get(); request != STOP; request = requests.get()) {
      if (request == BLOBS) {
        for (int i = 0; i < COUNT; i++) {
          blob[0] = (byte) i;
          blobs.put(blob);
        }
      } else {
        Queue<Integer> target = request == INTEGERS ? integers : between;
        for (int i = 0; i < COUNT; i++) {
          target.put(i);
        }
      }
    }
  }

  /** The consumer: gets {@link #COUNT} integers on request, and reports their sum. */
  @Subprocess
  static void consume(
      Queue<Integer> requests, Queue<Integer> fromParent, Queue<Integer> between,
      Queue<Long> sums)
      throws InterruptedException {
    for (int request = requests.get(); request != STOP; request = requests.get()) {
      Queue<Integer> source = request == FROM_PARENT ? fromParent : between;
      long sum = 0;
      for (int i = 0; i < COUNT; i++) {
        sum += source.get();
      }
      sums.put(sum);
    }
  }

  @Override
  public String name() {
    return "queue";
  }

  @Override
  public String title() {
    return "Queue between processes, vs Python's multiprocessing.Queue (issue 4)";
  }

  @Override
  public List<Metric> metrics() {
    return List.of(INTS, BYTES, TO_CHILD, CHILD_TO_CHILD);
  }

  @Override
  public List<Contender> contenders(Settings settings) throws Exception {
    return List.of(
        new Ours(),
        PythonContender.start(
            settings,
            "python",
            "multiprocessing.get_context(\"fork\").Queue(): the same work with two Processes",
            "queue_throughput.py"));
  }

  @Override
  public List<Ratio> ratios() {
    return List.of(
        Ratio.of("ours", "python", INTS).withTarget(Ratio.Target.atLeast(10)),
        Ratio.of("ours", "python", BYTES).withTarget(Ratio.Target.atLeast(5)),
        Ratio.of("ours", "python", TO_CHILD),
        Ratio.of("ours", "python", CHILD_TO_CHILD));
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
    private Queue<Integer> produceRequests;
    private Queue<Integer> consumeRequests;
    private Queue<Integer> integers;
    private Queue<byte[]> blobs;
    private Queue<Integer> toChild;
    private Queue<Integer> between;
    private Queue<Long> sums;
    private Process<Void> producer;
    private Process<Void> consumer;

    @Override
    public String name() {
      return "ours";
    }

    @Override
    public String description() {
      return "new Queue<>() in the parent; two long-lived @Subprocess children put or get";
    }

    @Override
    public Sample runRound() throws InterruptedException {
      if (producer == null) {
        produceRequests = new Queue<>();
        consumeRequests = new Queue<>();
        integers = new Queue<>();
        blobs = new Queue<>();
        toChild = new Queue<>();
        between = new Queue<>();
        sums = new Queue<>();
        producer = new ProduceProcess(produceRequests, integers, blobs, between).start();
        consumer = new ConsumeProcess(consumeRequests, toChild, between, sums).start();
      }
      long expected = (long) COUNT * (COUNT - 1) / 2;

      // From the first element received to the last: the request is not counted.
      produceRequests.put(INTEGERS);
      long sum = integers.get();
      long start = System.nanoTime();
      for (int i = 1; i < COUNT; i++) {
        sum += integers.get();
      }
      double ints = (COUNT - 1) / seconds(start);
      check(sum, expected);

      produceRequests.put(BLOBS);
      long bytes = blobs.get().length;
      start = System.nanoTime();
      for (int i = 1; i < COUNT; i++) {
        byte[] blob = blobs.get();
        check(blob[0], (byte) i);
        bytes += blob.length;
      }
      double rate = (bytes - BLOB) / seconds(start);
      check(bytes, (long) COUNT * BLOB);

      // From the request to the consumer's sum: one round trip more than the elements.
      start = System.nanoTime();
      consumeRequests.put(FROM_PARENT);
      for (int i = 0; i < COUNT; i++) {
        toChild.put(i);
      }
      check(sums.get(), expected);
      double toChildRate = COUNT / seconds(start);

      start = System.nanoTime();
      consumeRequests.put(FROM_SIBLING);
      produceRequests.put(INTEGERS_TO_SIBLING);
      check(sums.get(), expected);
      double siblings = COUNT / seconds(start);

      return new Sample(
          Map.of(
              INTS.key(), ints,
              BYTES.key(), rate,
              TO_CHILD.key(), toChildRate,
              CHILD_TO_CHILD.key(), siblings));
    }

    @Override
    public void close() {
      if (producer == null) {
        return;
      }
      try {
        produceRequests.put(STOP);
        consumeRequests.put(STOP);
        producer.join(Duration.ofSeconds(10));
        consumer.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        for (Process<?> child : List.of(producer, consumer)) {
          if (child.isAlive()) {
            child.kill();
          }
        }
        for (Queue<?> queue :
            List.of(produceRequests, consumeRequests, integers, blobs, toChild, between, sums)) {
          queue.close();
        }
      }
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static void check(long actual, long expected) {
    if (actual != expected) {
      throw new IllegalStateException("wrong results: " + actual + " instead of " + expected);
    }
  }
}

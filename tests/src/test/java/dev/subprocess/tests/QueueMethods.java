package dev.subprocess.tests;

import dev.subprocess.Connection;
import dev.subprocess.Queue;
import dev.subprocess.Subprocess;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The methods the queue and pipe tests run in child JVMs. */
final class QueueMethods {
  private QueueMethods() {}

  /** Where a child's elements come from: producer {@code p}'s {@code i}-th element. */
  static int element(int producer, int index) {
    return producer * 1_000_000 + index;
  }

  static final int STOP = -1;

  @Subprocess
  static void produce(Queue<Integer> queue, int producer, int count) throws InterruptedException {
    for (int i = 0; i < count; i++) {
      queue.put(element(producer, i));
    }
  }

  /** Puts arrays of {@code size} bytes, each filled with its number, until killed. */
  @Subprocess
  static void putBlobsForever(Queue<byte[]> queue, int size) throws InterruptedException {
    for (int i = 0; ; i++) {
      byte[] blob = new byte[size];
      java.util.Arrays.fill(blob, (byte) i);
      queue.put(blob);
    }
  }

  @Subprocess
  static void putBlob(Queue<byte[]> queue, byte[] blob) throws InterruptedException {
    queue.put(blob);
  }

  /** Byte {@code i} of the arrays that {@link #putPatterned} makes. */
  static byte pattern(int i) {
    return (byte) (i * 31 + (i >>> 13));
  }

  /** Puts one array of {@code size} bytes, byte {@code i} being {@link #pattern(int) pattern(i)}. */
  @Subprocess
  static void putPatterned(Queue<byte[]> queue, int size) throws InterruptedException {
    byte[] blob = new byte[size];
    for (int i = 0; i < size; i++) {
      blob[i] = pattern(i);
    }
    queue.put(blob);
  }

  /** Gets one array: its length if it holds the pattern of {@link #putPatterned}, else -1. */
  @Subprocess
  static int getPatterned(Queue<byte[]> queue) throws InterruptedException {
    byte[] blob = queue.get();
    for (int i = 0; i < blob.length; i++) {
      if (blob[i] != pattern(i)) {
        return -1;
      }
    }
    return blob.length;
  }

  /** Gets until {@link #STOP}; returns what it got, in order. */
  @Subprocess
  static List<Integer> consume(Queue<Integer> queue) throws InterruptedException {
    List<Integer> got = new ArrayList<>();
    for (int e = queue.get(); e != STOP; e = queue.get()) {
      got.add(e);
    }
    return got;
  }

  /** Gets forever, and reports each element it got to {@code seen} before the next get. */
  @Subprocess
  static void consumeAndReport(Queue<Integer> queue, Queue<Integer> seen)
      throws InterruptedException {
    while (true) {
      seen.put(queue.get());
    }
  }

  @Subprocess
  static List<String> getThree(Queue<String> queue) throws InterruptedException {
    return List.of(queue.get(), queue.get(), queue.get());
  }

  @Subprocess
  static void putAll(Queue<String> queue, List<String> elements) throws InterruptedException {
    for (String e : elements) {
      queue.put(e);
    }
  }

  /** Tries to put each element for {@code millis}: whether each one went in. */
  @Subprocess
  static List<Boolean> offerAll(Queue<Integer> queue, List<Integer> elements, long millis)
      throws InterruptedException {
    List<Boolean> accepted = new ArrayList<>();
    for (int e : elements) {
      accepted.add(queue.put(e, Duration.ofMillis(millis)));
    }
    return accepted;
  }

  /** A timed get on a queue that stays empty: how long it took, in milliseconds, or -1. */
  @Subprocess
  static long timedGet(Queue<Integer> queue, long millis) throws InterruptedException {
    long start = System.nanoTime();
    Optional<Integer> got = queue.get(Duration.ofMillis(millis));
    return got.isPresent() ? -1 : (System.nanoTime() - start) / 1_000_000;
  }

  /** Waits in get until the queue fails; returns the failure's message. */
  @Subprocess
  static String getUntilFailure(Queue<Integer> queue, Queue<String> ready)
      throws InterruptedException {
    ready.put("waiting");
    try {
      queue.get();
      return "no failure";
    } catch (IllegalStateException e) {
      return e.getMessage();
    }
  }

  /** Creates a queue here and returns it: its host, this child, ends when this returns. */
  @Subprocess
  static Queue<String> hostAndEnd() {
    Queue<String> queue = new Queue<>();
    return queue;
  }

  /** Creates a queue, hands it out through {@code out}, and lives until killed. */
  @Subprocess
  static void hostAndWait(Queue<Queue<Integer>> out) throws InterruptedException {
    Queue<Integer> queue = new Queue<>();
    out.put(queue);
    Thread.sleep(60_000);
  }

  /** Puts the element, then gets one from the queue it came with and returns it. */
  @Subprocess
  static String roundTrip(Queue<Envelope> queue) throws InterruptedException {
    Envelope envelope = queue.get();
    envelope.replyTo().put("got " + envelope.text());
    return envelope.text();
  }

  /** A queue element that carries a queue: handles travel inside values. */
  record Envelope(String text, Queue<String> replyTo) {}

  // ---- Pipes ------------------------------------------------------------------------------

  /** Sends back what it receives until the end of the pipe; returns how many. */
  @Subprocess
  static int echo(Connection<String> connection) throws InterruptedException {
    int n = 0;
    try {
      while (true) {
        connection.send(connection.recv());
        n++;
      }
    } catch (UncheckedIOException e) {
      return n;
    }
  }

  @Subprocess
  static void sendAndClose(Connection<String> connection, List<String> messages)
      throws InterruptedException {
    for (String m : messages) {
      connection.send(m);
    }
    connection.close();
  }

  /** Sends, and ends without closing. */
  @Subprocess
  static void sendAndEnd(Connection<String> connection, String message)
      throws InterruptedException {
    connection.send(message);
  }

  /** Never touches the end it was given. */
  @Subprocess
  static void ignore(Connection<String> connection) {}

  /** Receives until the end of the pipe: what it got, then the end's message. */
  @Subprocess
  static List<String> receiveAll(Connection<String> connection) throws InterruptedException {
    List<String> got = new ArrayList<>();
    try {
      while (true) {
        got.add(connection.recv());
      }
    } catch (UncheckedIOException e) {
      got.add(e.getCause().getClass().getSimpleName() + ": " + e.getMessage());
      return got;
    }
  }

  /** Opens a pipe here and returns an end: then ends, and the pipe's host with it. */
  @Subprocess
  static Connection<String> openAndEnd() {
    return dev.subprocess.Pipe.<String>open().second();
  }

  /** Sends {@code count} numbers, as fast as it can. */
  @Subprocess
  static void sendNumbers(Connection<Integer> connection, int count) throws InterruptedException {
    for (int i = 0; i < count; i++) {
      connection.send(i);
    }
    connection.close();
  }

  /** Takes a pipe end from a queue, and receives one message on it. */
  @Subprocess
  static String recvFromQueuedEnd(Queue<Connection<String>> ends) throws InterruptedException {
    Connection<String> end = ends.get();
    String message = end.recv();
    end.close();
    return message;
  }

  /** Waits in recv, reporting to {@code ready} first; returns what recv threw. */
  @Subprocess
  static String recvUntilFailure(Connection<String> connection, Queue<String> ready)
      throws InterruptedException {
    ready.put("waiting");
    try {
      return "received " + connection.recv();
    } catch (UncheckedIOException | IllegalStateException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}

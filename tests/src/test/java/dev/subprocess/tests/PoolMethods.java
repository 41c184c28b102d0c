package dev.subprocess.tests;

import dev.subprocess.Queue;
import dev.subprocess.Subprocess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** The methods that the pool tests run in workers. */
final class PoolMethods {
  private PoolMethods() {}

  /** Set by {@link #initialize} in a worker; what its tasks see of it. */
  static String initialized = "";

  /** Tasks a worker has run since it started. */
  static int tasksRun;

  @Subprocess
  static int square(int x) {
    return x * x;
  }

  /** The square of a non-negative number; throws for a negative one. */
  @Subprocess
  static int squareOrFail(int x) {
    if (x < 0) {
      throw new IllegalArgumentException("negative: " + x);
    }
    return x * x;
  }

  @Subprocess
  static long workerPid() {
    return ProcessHandle.current().pid();
  }

  @Subprocess
  static long sleepThenPid(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return ProcessHandle.current().pid();
  }

  @Subprocess
  static String nothing() {
    return null;
  }

  @Subprocess
  static void failWith(String message) {
    throw new IllegalStateException(message);
  }

  @Subprocess
  static void haltWorker(int status) {
    Runtime.getRuntime().halt(status);
  }

  @Subprocess
  static void exitWorker(int status) {
    System.exit(status);
  }

  @Subprocess
  static void killWorker() throws IOException, InterruptedException {
    long pid = ProcessHandle.current().pid();
    new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
    Thread.sleep(10_000);
  }

  @Subprocess
  static int exhaustMemory() {
    List<long[]> hoard = new ArrayList<>();
    while (true) {
      hoard.add(new long[1 << 20]);
    }
  }

  /** The initializer: records the worker's state, and appends its pid to a file. */
  @Subprocess
  static void initialize(String value, String pidFile) throws IOException {
    if (tasksRun != 0) {
      throw new IllegalStateException("the initializer ran after a task");
    }
    initialized = value + "@" + ProcessHandle.current().pid();
    Files.writeString(
        Paths.get(pidFile),
        ProcessHandle.current().pid() + "\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  @Subprocess
  static void failToInitialize() {
    throw new UnsupportedOperationException("no initializing today");
  }

  /** What the initializer left, and how many tasks this worker has run, this one included. */
  @Subprocess
  static String initializedState() {
    tasksRun++;
    return initialized + "#" + tasksRun;
  }

  @Subprocess
  static String workerCommandLine() throws IOException {
    return new String(
            Files.readAllBytes(Paths.get("/proc/self/cmdline")), StandardCharsets.UTF_8)
        .replace('\0', ' ');
  }

  @Subprocess
  static List<Integer> echoList(List<Integer> list) {
    return list;
  }

  /** Puts the square of {@code x} on a queue that the pool's owner created. */
  @Subprocess
  static void putSquare(Queue<Integer> queue, int x) throws InterruptedException {
    queue.put(x * x);
  }

  @Subprocess
  static long sum(long[] values) {
    long sum = 0;
    for (long value : values) {
      sum += value;
    }
    return sum;
  }

  @Subprocess
  static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  /**
   * {@code count} one-letter strings: a few bytes each on the wire, some fifty each once decoded,
   * which a parent with a small heap cannot hold.
   */
  @Subprocess
  static List<String> letters(int count) {
    List<String> letters = new ArrayList<>(count);
    String a = "a";
    for (int i = 0; i < count; i++) {
      letters.add(a);
    }
    return letters;
  }

  /**
   * One {@code megabytes}-long list of the same megabyte: a megabyte of the worker's heap, {@code
   * megabytes} megabytes to encode.
   */
  @Subprocess
  static List<byte[]> sameMegabyte(int megabytes) {
    byte[] megabyte = new byte[1 << 20];
    List<byte[]> list = new ArrayList<>(megabytes);
    for (int i = 0; i < megabytes; i++) {
      list.add(megabyte);
    }
    return list;
  }
}

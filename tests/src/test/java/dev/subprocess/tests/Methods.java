package dev.subprocess.tests;

import dev.subprocess.Subprocess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The methods the end-to-end tests run in child JVMs. */
final class Methods {
  private Methods() {}

  static int counter;

  @Subprocess
  static void empty() {}

  @Subprocess
  static String greet(String name, int times) {
    return (name + " ").repeat(times).trim();
  }

  @Subprocess
  static long pid() {
    return ProcessHandle.current().pid();
  }

  @Subprocess
  static long parentPid() {
    return ProcessHandle.current().parent().orElseThrow().pid();
  }

  @Subprocess
  static int incrementCounter() {
    return ++counter;
  }

  @Subprocess
  static Point translate(Point point, int dx, int dy) {
    return new Point(point.x() + dx, point.y() + dy);
  }

  @Subprocess
  static Map<String, List<Integer>> lengths(List<String> words) {
    Map<String, List<Integer>> lengths = new java.util.TreeMap<>();
    for (String word : words) {
      lengths.put(word, List.of(word.length()));
    }
    return lengths;
  }

  @Subprocess
  static void exit(int status) {
    System.exit(status);
  }

  @Subprocess
  static void halt(int status) {
    Runtime.getRuntime().halt(status);
  }

  @Subprocess
  static String exitBeforeReturning() {
    System.exit(0);
    return "never returned";
  }

  /** Removes its own outcome file, as someone cleaning {@code /tmp} might, then returns. */
  @Subprocess
  static String removeOwnOutcome() throws IOException {
    Files.delete(outcomeFile());
    return "lost";
  }

  /** Appends a whole record of a value that does not decode to its outcome, then halts with 0. */
  @Subprocess
  static String forgeOutcome() throws IOException {
    byte[] record = {'R', 0, 0, 0, 1, (byte) 0xEE};
    Files.write(outcomeFile(), record, StandardOpenOption.APPEND);
    Runtime.getRuntime().halt(0);
    return "never returned";
  }

  /**
   * Returns; while its JVM shuts down, a shutdown hook writes {@code readyFile} and keeps the JVM
   * from halting until the JDK's SIGTERM handler thread is stuck in {@code System.exit}: so a
   * SIGTERM sent once the file exists is handled after the method returned, and before the exit.
   */
  @Subprocess
  static String returnThenLinger(String readyFile) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> lingerUntilSigterm(readyFile)));
    return "returned";
  }

  private static void lingerUntilSigterm(String readyFile) {
    try {
      Files.writeString(Paths.get(readyFile), "ready");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < deadline) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
          if (t.getName().equals("SIGTERM handler")
              && (t.getState() == Thread.State.BLOCKED || t.getState() == Thread.State.WAITING)) {
            return;
          }
        }
        Thread.sleep(1);
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** This child's outcome file, found among its open files: the runtime's own, not an API. */
  private static Path outcomeFile() throws IOException {
    try (var fds = Files.list(Paths.get("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          Path target = Files.readSymbolicLink(fd);
          if (target.getFileName().toString().startsWith("outcome-")) {
            return target;
          }
        } catch (IOException e) {
          // The descriptor of the listing itself, closed by now.
        }
      }
    }
    throw new IllegalStateException("no outcome file is open");
  }

  /** Writes "ready" to the file, then sleeps. */
  @Subprocess
  static void sleep(String readyFile, long millis) throws IOException, InterruptedException {
    if (!readyFile.isEmpty()) {
      Files.writeString(Paths.get(readyFile), "ready");
    }
    Thread.sleep(millis);
  }

  @Subprocess
  static void sleepThenPrint(long millis, String text) throws InterruptedException {
    Thread.sleep(millis);
    System.out.println(text);
  }

  /** Holds a secret argument while it sleeps, so that a test can look for it. */
  @Subprocess
  static void holdSecret(String secret, String readyFile) throws IOException, InterruptedException {
    sleep(readyFile, 60_000);
  }

  @Subprocess
  static void fail(String message) {
    try {
      throw new IOException("root cause");
    } catch (IOException e) {
      throw new IllegalStateException(message, e);
    }
  }

  @Subprocess
  static void failChecked() throws IOException {
    throw new IOException("checked");
  }

  @Subprocess
  static Failing failingCustom() {
    throw new Failing.Boom("custom");
  }

  /** Prints {@code megabytes} MiB of 64-byte lines and returns how many lines. */
  @Subprocess
  static int printLots(int megabytes) {
    byte[] line = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\n"
        .getBytes(StandardCharsets.US_ASCII);
    byte[] block = new byte[64 * 1024];
    for (int i = 0; i < block.length; i += line.length) {
      System.arraycopy(line, 0, block, i, line.length);
    }
    PrintStream out = System.out;
    for (int i = 0; i < megabytes * 16; i++) {
      out.write(block, 0, block.length);
    }
    out.flush();
    return megabytes * 1024 * 1024 / line.length;
  }

  @Subprocess
  static int readStdin() throws IOException {
    return System.in.read();
  }

  @Subprocess
  static String commandLine() throws IOException {
    return new String(
            Files.readAllBytes(Paths.get("/proc/self/cmdline")), StandardCharsets.UTF_8)
        .replace('\0', ' ');
  }

  record Point(int x, int y) {}

  record Counter(int start) {
    @Subprocess(className = "CountProcess")
    int countTo(int end) {
      return end - start;
    }
  }

  /** A record whose class the parent never instantiates when the child throws. */
  record Failing(String why) {
    static final class Boom extends RuntimeException {
      private static final long serialVersionUID = 1L;

      Boom(String message) {
        super(message);
      }
    }
  }
}

package dev.subprocess.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Parents and children: a parent JVM in each test, its end, and what becomes of its child. */
@Timeout(60)
class ParentLifeTest {
  private final List<ProcessHandle> toKill = new ArrayList<>();
  /** The parents' java.io.tmpdir, where the runtime keeps its private folder. */
  @TempDir Path tmp;

  @AfterEach
  void killLeftovers() {
    for (ProcessHandle p : toKill) {
      p.destroyForcibly();
    }
  }

  @Test
  void nonDaemonChildKeepsTheParentAliveAfterMainReturns() throws Exception {
    java.lang.Process parent = parent("main-returns-with-non-daemon-child");
    List<String> lines = lines(parent);
    assertTrue(parent.waitFor(30, TimeUnit.SECONDS));
    assertEquals(List.of("main returned", "child done"), lines);
    assertEquals(0, parent.exitValue());
    assertNothingLeftIn(tmp);
  }

  @Test
  void everythingAChildPrintsHasArrivedWhenJoinReturns() throws Exception {
    java.lang.Process parent = parent("child-prints-ten-megabytes");
    BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream()));
    int childLines = 0;
    String line;
    for (line = out.readLine(); line != null && !line.startsWith("joined"); line = out.readLine()) {
      childLines++;
    }
    assertEquals("joined after " + childLines + " lines", line);
    assertEquals(10 * 1024 * 1024 / 64, childLines);
    assertTrue(parent.waitFor(30, TimeUnit.SECONDS));
  }

  @Test
  void daemonChildIsTerminatedWhenMainReturns() throws Exception {
    java.lang.Process parent = parent("main-returns-with-daemon-child");
    ProcessHandle child = child(parent);
    assertTrue(parent.waitFor(30, TimeUnit.SECONDS), "the parent waited for a daemon child");
    assertGoneWithin1s(child);
  }

  @Test
  void systemExitEndsEveryChild() throws Exception {
    java.lang.Process parent = parent("system-exit");
    ProcessHandle child = child(parent);
    assertTrue(parent.waitFor(30, TimeUnit.SECONDS));
    assertGoneWithin1s(child);
  }

  @Test
  void sigkilledParentLeavesNoOrphan() throws Exception {
    java.lang.Process parent = parent("waits-to-be-killed");
    ProcessHandle child = child(parent);
    assertTrue(child.isAlive());
    parent.destroyForcibly();
    assertTrue(parent.waitFor(30, TimeUnit.SECONDS));
    assertGoneWithin1s(child);
  }

  @Test
  void privateFolderIsOwnerOnlyAndGoneAfterTheRun() throws Exception {
    java.lang.Process parent = parent("waits-to-be-killed");
    child(parent);
    List<Path> folders = list(tmp);
    assertEquals(1, folders.size(), folders.toString());
    Path folder = folders.get(0);
    assertTrue(
        folder.getFileName().toString().startsWith("subprocess-" + parent.pid() + "-"), folder + "");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
    List<Path> files = list(folder);
    assertEquals(2, files.size(), "one outcome file and the lock: " + files);
    for (Path file : files) {
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file + "");
    }

    // A SIGKILLed JVM can't clean up: the next one removes what it left.
    parent.destroyForcibly();
    assertTrue(parent.waitFor(30, TimeUnit.SECONDS));
    java.lang.Process next = parent("system-exit");
    child(next);
    assertTrue(next.waitFor(30, TimeUnit.SECONDS));
    assertNothingLeftIn(tmp);
  }

  private static List<Path> list(Path folder) throws IOException {
    try (var files = Files.list(folder)) {
      return files.collect(java.util.stream.Collectors.toList());
    }
  }

  private static void assertNothingLeftIn(Path folder) throws IOException {
    assertEquals(List.of(), list(folder));
  }

  private java.lang.Process parent(String scenario) throws IOException {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    java.lang.Process parent =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + tmp,
                ParentScenarios.class.getName(),
                scenario)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    toKill.add(parent.toHandle());
    return parent;
  }

  private ProcessHandle child(java.lang.Process parent) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream()));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("child ")) {
        Optional<ProcessHandle> child = ProcessHandle.of(Long.parseLong(line.substring(6)));
        assertTrue(child.isPresent(), "the child is not running");
        toKill.add(child.get());
        return child.get();
      }
    }
    throw new AssertionError("the parent never named its child");
  }

  private static List<String> lines(java.lang.Process parent) throws IOException {
    List<String> lines = new ArrayList<>();
    BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream()));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      lines.add(line);
    }
    return lines;
  }

  /**
   * Polls: {@code onExit()} of a process that is not our child polls too, but more coarsely. A
   * zombie counts as gone: it has ended, and whether it is reaped is up to the machine's init.
   */
  private static void assertGoneWithin1s(ProcessHandle child) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (running(child.pid())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the child outlived its parent by more than 1 s");
      }
      Thread.sleep(5);
    }
  }

  private static boolean running(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return false;
    }
  }
}

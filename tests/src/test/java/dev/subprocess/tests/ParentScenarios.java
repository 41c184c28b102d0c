package dev.subprocess.tests;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The main of a parent JVM that {@link ParentLifeTest} starts, kills and watches: each scenario
 * starts a child, prints {@code child <pid>} once the child runs, then ends in its own way.
 */
public final class ParentScenarios {
  private ParentScenarios() {}

  public static void main(String[] args) throws Exception {
    String scenario = args[0];
    // Outside java.io.tmpdir, which the tests watch for what the runtime leaves behind.
    Path ready = Files.createTempFile(Path.of(System.getProperty("user.dir")), "ready", "");
    Files.delete(ready);
    switch (scenario) {
      case "main-returns-with-non-daemon-child":
        new SleepThenPrintProcess(500, "child done").start();
        System.out.println("main returned");
        return;
      case "child-prints-ten-megabytes":
        int lines = new PrintLotsProcess(10).start().result();
        System.out.println("joined after " + lines + " lines");
        return;
      case "main-returns-with-daemon-child":
        started(new SleepProcess(ready.toString(), 60_000).daemon(true), ready);
        return;
      case "system-exit":
        started(new SleepProcess(ready.toString(), 60_000), ready);
        System.exit(0);
        return;
      case "waits-to-be-killed":
        started(new SleepProcess(ready.toString(), 60_000), ready);
        Thread.sleep(60_000);
        return;
      default:
        throw new IllegalArgumentException(scenario);
    }
  }

  private static void started(SleepProcess child, Path ready) throws Exception {
    child.start();
    ProcessTest.awaitFile(ready);
    Files.delete(ready);
    System.out.println("child " + child.pid());
    System.out.flush();
  }
}

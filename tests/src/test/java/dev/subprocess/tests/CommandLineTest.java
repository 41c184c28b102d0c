package dev.subprocess.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A generated launcher run by hand, as a person would from a shell. */
@Timeout(60)
class CommandLineTest {
  @Test
  void argumentsAreConvertedAndTheResultPrinted() throws Exception {
    Run run = launch(GreetProcessMain.class, "Ada", "2");
    assertEquals(0, run.status, run.stderr);
    assertEquals("Ada Ada\n", run.stdout);
  }

  @Test
  void voidMethodPrintsNothing() throws Exception {
    Run run = launch(EmptyProcessMain.class);
    assertEquals(0, run.status, run.stderr);
    assertEquals("", run.stdout);
  }

  @Test
  void wrongNumberOfArgumentsPrintsUsageAndExits2() throws Exception {
    Run run = launch(GreetProcessMain.class, "Ada");
    assertEquals(2, run.status);
    assertTrue(run.stderr.contains("takes 2 arguments, not 1"), run.stderr);
    assertTrue(
        run.stderr.contains("usage: java " + GreetProcessMain.class.getName()
            + " <name:String> <times:int>"),
        run.stderr);
  }

  @Test
  void argumentThatDoesNotConvertPrintsUsageAndExits2() throws Exception {
    Run run = launch(GreetProcessMain.class, "Ada", "twice");
    assertEquals(2, run.status);
    assertTrue(run.stderr.contains("argument times: \"twice\" is not a int"), run.stderr);
  }

  @Test
  void parametersThatCantComeFromACommandLineExit2() throws Exception {
    Run run = launch(TranslateProcessMain.class, "1", "2", "3");
    assertEquals(2, run.status);
    assertTrue(run.stderr.contains("can't be run from a command line"), run.stderr);
  }

  @Test
  void methodThatThrowsExits1() throws Exception {
    Run run = launch(FailProcessMain.class, "boom");
    assertEquals(1, run.status);
    assertTrue(run.stderr.contains("java.lang.IllegalStateException: boom"), run.stderr);
  }

  private record Run(int status, String stdout, String stderr) {}

  private static Run launch(Class<?> launcher, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(launcher.getName());
    command.addAll(List.of(args));
    java.lang.Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return new Run(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }
}

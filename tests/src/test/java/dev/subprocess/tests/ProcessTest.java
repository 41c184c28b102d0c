package dev.subprocess.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.subprocess.Process;
import dev.subprocess.RemoteException;
import dev.subprocess.SubprocessException;
import dev.subprocess.tests.Methods.Counter;
import dev.subprocess.tests.Methods.Point;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/** Every member of {@link Process}, against real child JVMs. */
@Timeout(60)
@Execution(ExecutionMode.CONCURRENT)
class ProcessTest {
  private final List<Process<?>> started = new ArrayList<>();
  @TempDir Path temp;

  @AfterEach
  void killLeftovers() throws InterruptedException {
    for (Process<?> p : started) {
      if (p.isAlive()) {
        p.kill();
        p.join();
      }
    }
  }

  private <P extends Process<?>> P started(P process) {
    started.add(process);
    process.start();
    return process;
  }

  @Test
  void resultIsTheMethodsValue() throws InterruptedException {
    GreetProcess p = started(new GreetProcess("hi", 3));
    assertEquals("hi hi hi", p.result());
    assertEquals(OptionalInt.of(0), p.exitCode());
    assertFalse(p.isAlive());
  }

  @Test
  void recordsListsAndMapsTravelBothWays() throws InterruptedException {
    assertEquals(new Point(3, 5), started(new TranslateProcess(new Point(1, 2), 2, 3)).result());
    Map<String, List<Integer>> lengths =
        started(new LengthsProcess(List.of("b", "aaa", "cc"))).result();
    assertEquals(List.of("aaa", "b", "cc"), new ArrayList<>(lengths.keySet()));
    assertEquals(List.of(3), lengths.get("aaa"));
  }

  @Test
  void recordInstanceMethodTakesTheRecordAsState() throws InterruptedException {
    assertEquals(7, started(new CountProcess(new Counter(3), 10)).result());
  }

  @Test
  void voidMethodReturnsNull() throws InterruptedException {
    EmptyProcess p = started(new EmptyProcess());
    assertNull(p.result());
    assertEquals(OptionalInt.of(0), p.exitCode());
  }

  @Test
  void childIsADirectChildWithItsOwnPid() throws InterruptedException {
    PidProcess p = started(new PidProcess());
    long childPid = p.result();
    assertEquals(p.pid(), childPid);
    assertNotEquals(ProcessHandle.current().pid(), childPid);
    assertEquals(ProcessHandle.current().pid(), (long) started(new ParentPidProcess()).result());
  }

  @Test
  void childSharesNoStaticState() throws InterruptedException {
    Methods.counter = 41;
    assertEquals(1, started(new IncrementCounterProcess()).result());
    assertEquals(41, Methods.counter);
  }

  @Test
  void childStdinIsEmpty() throws InterruptedException {
    assertEquals(-1, started(new ReadStdinProcess()).result());
  }

  @Test
  void chainingKeepsTheGeneratedType() throws InterruptedException {
    GreetProcess p = new GreetProcess("a", 1).name("greeter").daemon(true).start();
    started.add(p);
    assertEquals("greeter", p.name());
    assertTrue(p.daemon());
    assertEquals("a", p.result());
  }

  @Test
  void commandLineNamesTheLauncherAndTheProcessButNoArgument() throws InterruptedException {
    String commandLine = started(new CommandLineProcess().name("my-child")).result();
    assertTrue(commandLine.contains("dev.subprocess.tests.CommandLineProcessMain"), commandLine);
    assertTrue(commandLine.contains("my-child"), commandLine);
  }

  @Test
  void secretArgumentAppearsInNoCommandLineNorEnvironment() throws Exception {
    String secret = "s3cr3t-" + System.nanoTime();
    Path ready = temp.resolve("ready");
    HoldSecretProcess p = started(new HoldSecretProcess(secret, ready.toString()));
    awaitFile(ready);
    int read = 0;
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path proc : (Iterable<Path>) procs::iterator) {
        for (String file : List.of("cmdline", "environ")) {
          try {
            String text = new String(Files.readAllBytes(proc.resolve(file)));
            assertFalse(text.contains(secret), "the secret is in " + proc.resolve(file));
            read++;
          } catch (IOException | UncheckedIOException | SecurityException e) {
            // Not a process, or it has ended.
          }
        }
      }
    }
    assertTrue(read > 2, "read no /proc file");
    p.kill();
  }

  @Test
  void joinWithTimeoutTellsWhetherItEnded() throws Exception {
    Path ready = temp.resolve("ready");
    SleepProcess p = started(new SleepProcess(ready.toString(), 30_000));
    assertFalse(p.join(Duration.ofMillis(50)));
    assertTrue(p.isAlive());
    assertEquals(OptionalInt.empty(), p.exitCode());
    p.kill();
    assertTrue(p.join(Duration.ofSeconds(20)));
    assertFalse(p.isAlive());
  }

  @Test
  void terminateEndsWithMinus15() throws Exception {
    Path ready = temp.resolve("ready");
    SleepProcess p = started(new SleepProcess(ready.toString(), 30_000));
    awaitFile(ready);
    p.terminate();
    p.join();
    assertEquals(OptionalInt.of(-15), p.exitCode());
    SubprocessException e = assertThrows(SubprocessException.class, p::result);
    assertEquals(-15, e.exitCode());
    assertEquals(p.pid(), e.pid());
    assertTrue(e.getMessage().contains("SIGTERM"), e.getMessage());
    p.terminate(); // no-op once ENDED
    p.kill();
  }

  @Test
  void terminateRightAfterStartStillEndsWithMinus15() throws InterruptedException {
    SleepProcess p = started(new SleepProcess("", 30_000));
    p.terminate();
    p.join();
    assertEquals(OptionalInt.of(-15), p.exitCode());
  }

  @Test
  void killEndsWithMinus9() throws Exception {
    Path ready = temp.resolve("ready");
    SleepProcess p = started(new SleepProcess(ready.toString(), 30_000));
    awaitFile(ready);
    p.kill();
    p.join();
    assertEquals(OptionalInt.of(-9), p.exitCode());
  }

  @Test
  void systemExitCodesAreReportedAsIs() throws InterruptedException {
    ExitProcess three = started(new ExitProcess(3));
    ExitProcess sigkillLookalike = started(new ExitProcess(137));
    ExitProcess sigtermLookalike = started(new ExitProcess(143));
    HaltProcess halt = started(new HaltProcess(5));
    three.join();
    sigkillLookalike.join();
    sigtermLookalike.join();
    halt.join();
    assertEquals(OptionalInt.of(3), three.exitCode());
    assertEquals(OptionalInt.of(137), sigkillLookalike.exitCode());
    assertEquals(OptionalInt.of(143), sigtermLookalike.exitCode());
    assertEquals(OptionalInt.of(5), halt.exitCode());
    assertEquals(3, assertThrows(SubprocessException.class, three::result).exitCode());
  }

  @Test
  void exitZeroInsideTheMethodHasNoResult() throws InterruptedException {
    ExitBeforeReturningProcess p = started(new ExitBeforeReturningProcess());
    SubprocessException e = assertThrows(SubprocessException.class, p::result);
    assertEquals(OptionalInt.of(0), p.exitCode());
    assertEquals(0, e.exitCode());
    assertEquals(p.pid(), e.pid());
    assertTrue(e.getMessage().contains("before its method returned"), e.getMessage());
    ExitProcess inVoidMethod = started(new ExitProcess(0));
    assertThrows(SubprocessException.class, inVoidMethod::result);
    assertEquals(OptionalInt.of(0), inVoidMethod.exitCode());
  }

  @Test
  void outcomeRemovedBySomeoneElseHasNoResult() throws InterruptedException {
    RemoveOwnOutcomeProcess p = started(new RemoveOwnOutcomeProcess());
    SubprocessException e = assertThrows(SubprocessException.class, p::result);
    assertEquals(OptionalInt.of(0), p.exitCode());
    assertTrue(e.getMessage().contains("outcome"), e.getMessage());
  }

  @Test
  void outcomeThatDoesNotDecodeIsASubprocessException() throws InterruptedException {
    ForgeOutcomeProcess p = started(new ForgeOutcomeProcess());
    SubprocessException e = assertThrows(SubprocessException.class, p::result);
    assertEquals(OptionalInt.of(0), p.exitCode());
    assertTrue(e.getMessage().contains("could not be read"), e.getMessage());
    assertNull(e.getCause(), "no internal exception escapes");
    assertThrows(SubprocessException.class, p::result, "and again on a second call");
  }

  @Test
  void sigtermAfterTheMethodReturnedKeepsExitCodeZero() throws Exception {
    Path ready = temp.resolve("ready");
    ReturnThenLingerProcess p = started(new ReturnThenLingerProcess(ready.toString()));
    awaitFile(ready);
    p.terminate();
    p.join();
    assertEquals(OptionalInt.of(0), p.exitCode());
    assertEquals("returned", p.result());
  }

  @Test
  void thrownExceptionComesBackAsRemoteException() throws InterruptedException {
    FailProcess p = started(new FailProcess("boom"));
    SubprocessException e = assertThrows(SubprocessException.class, p::result);
    assertEquals(1, e.exitCode());
    assertEquals(OptionalInt.of(1), p.exitCode());
    assertEquals(p.pid(), e.pid());
    assertTrue(e.getMessage().contains("pid " + p.pid()), e.getMessage());
    assertTrue(e.getMessage().contains("exit code 1"), e.getMessage());
    RemoteException remote = assertInstanceOf(RemoteException.class, e.getCause());
    assertEquals("java.lang.IllegalStateException", remote.className());
    assertEquals("boom", remote.getMessage());
    StackTraceElement top = remote.getStackTrace()[0];
    assertEquals(Methods.class.getName(), top.getClassName());
    assertEquals("fail", top.getMethodName());
    RemoteException cause = assertInstanceOf(RemoteException.class, remote.getCause());
    assertEquals("java.io.IOException", cause.className());
    assertEquals("root cause", cause.getMessage());
  }

  @Test
  void remoteExceptionClassIsNeverInstantiated() throws InterruptedException {
    SubprocessException e =
        assertThrows(SubprocessException.class, started(new FailingCustomProcess())::result);
    RemoteException remote = assertInstanceOf(RemoteException.class, e.getCause());
    assertEquals(Methods.Failing.Boom.class.getName(), remote.className());
    assertSame(RemoteException.class, remote.getClass());
  }

  @Test
  void runCallsTheMethodInThisJvm() {
    assertEquals("x x", new GreetProcess("x", 2).run());
    IllegalStateException unchecked =
        assertThrows(IllegalStateException.class, () -> new FailProcess("here").run());
    assertEquals("here", unchecked.getMessage());
    SubprocessException checked =
        assertThrows(SubprocessException.class, () -> new FailCheckedProcess().run());
    assertInstanceOf(IOException.class, checked.getCause());
  }

  @Test
  void wrongStateIsRefusedWithTheStateItNeeds() throws InterruptedException {
    EmptyProcess p = new EmptyProcess();
    assertTrue(assertThrows(IllegalStateException.class, p::join).getMessage().contains("NEW"));
    assertThrows(IllegalStateException.class, () -> p.join(Duration.ZERO));
    assertThrows(IllegalStateException.class, p::pid);
    assertThrows(IllegalStateException.class, p::result);
    assertEquals(OptionalInt.empty(), p.exitCode());
    assertFalse(p.isAlive());
    started(p).join();
    IllegalStateException again = assertThrows(IllegalStateException.class, p::start);
    assertTrue(again.getMessage().contains("NEW"), again.getMessage());
    assertThrows(IllegalStateException.class, () -> p.name("late"));
    assertThrows(IllegalStateException.class, () -> p.daemon(true));
  }

  static void awaitFile(Path file) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!Files.exists(file)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the child never wrote " + file);
      }
      Thread.sleep(2);
    }
  }
}

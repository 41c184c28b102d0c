package dev.subprocess.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.subprocess.Pool;
import dev.subprocess.Queue;
import dev.subprocess.RemoteException;
import dev.subprocess.SubprocessException;
import dev.subprocess.Task;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every member of {@link Pool}, and every fault it must survive, against real worker JVMs. Tests
 * that only run tasks share one pool of 2; a test that needs its own configuration, or kills
 * workers, or ends its pool, has its own.
 */
@Timeout(60)
class PoolTest {
  private static Pool shared;
  private final List<Pool> own = new ArrayList<>();
  @TempDir Path temp;

  @BeforeAll
  static void startSharedPool() {
    shared = new Pool(2);
  }

  @AfterAll
  static void closeSharedPool() throws InterruptedException {
    shared.close();
    shared.join();
  }

  @AfterEach
  void terminateOwnPools() throws InterruptedException {
    for (Pool pool : own) {
      pool.terminate();
      pool.join();
    }
  }

  private Pool own(Pool pool) {
    own.add(pool);
    return pool;
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toList());
  }

  private static List<Integer> squares(int n) {
    return IntStream.range(0, n).map(x -> x * x).boxed().collect(Collectors.toList());
  }

  // ---------------------------------------------------------------------------------------------
  // Running tasks

  @Test
  void applyReturnsTheValue() throws InterruptedException {
    assertEquals(49, shared.apply(SquareProcess.task(7)));
    assertNull(shared.apply(NothingProcess.task()));
  }

  @Test
  void applyAsyncCompletesEachFuture() throws Exception {
    List<CompletableFuture<Integer>> futures = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      futures.add(shared.applyAsync(SquareProcess.task(i)));
    }
    for (int i = 0; i < 500; i++) {
      assertEquals(i * i, futures.get(i).get());
    }
  }

  @Test
  void mapReturnsTheValuesInTheOrderOfTheInputs() throws InterruptedException {
    assertEquals(squares(3000), shared.map(SquareProcess::task, range(3000)));
    assertEquals(List.of(), shared.map(SquareProcess::task, List.<Integer>of()));
    Iterable<Integer> notACollection = () -> range(10).iterator();
    assertEquals(squares(10), shared.map(SquareProcess::task, notACollection));
  }

  @Test
  void mapThrowsTheFirstFailureInOrder() {
    SubprocessException e =
        assertThrows(
            SubprocessException.class,
            () -> shared.map(SquareOrFailProcess::task, List.of(1, 2, -3, 4, -5)));
    assertEquals(1, e.exitCode(), e.getMessage());
    assertEquals("negative: -3", e.getCause().getMessage());
  }

  @Test
  void imapReturnsTheValuesInOrder() {
    List<Integer> values = new ArrayList<>();
    shared.imap(SquareProcess::task, range(3000)).forEachRemaining(values::add);
    assertEquals(squares(3000), values);
  }

  @Test
  void imapUnorderedReturnsEveryValue() {
    Set<Integer> values = new HashSet<>();
    Iterator<Integer> it = shared.imapUnordered(SquareProcess::task, range(3000));
    it.forEachRemaining(values::add);
    assertEquals(new HashSet<>(squares(3000)), values);
    assertFalse(it.hasNext());
  }

  @Test
  void imapThrowsAFailureAtItsPlaceAndGoesOn() {
    Iterator<Integer> it = shared.imap(SquareOrFailProcess::task, List.of(1, -2, 3));
    assertEquals(1, it.next());
    SubprocessException e = assertThrows(SubprocessException.class, it::next);
    assertEquals("negative: -2", e.getCause().getMessage());
    assertEquals(9, it.next());
    assertFalse(it.hasNext());
  }

  @Test
  void imapReadsAnEndlessIterableOnlyABoundedWayAhead() {
    AtomicInteger read = new AtomicInteger();
    Iterable<Integer> endless =
        () ->
            new Iterator<>() {
              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public Integer next() {
                return read.getAndIncrement();
              }
            };
    Iterator<Integer> it = shared.imap(SquareProcess::task, endless);
    for (int i = 0; i < 10; i++) {
      assertEquals(i * i, it.next());
    }
    assertTrue(read.get() <= 4096, read.get() + " inputs read for 10 results");
    Iterator<Integer> unordered = shared.imapUnordered(SquareProcess::task, endless);
    unordered.next();
    assertTrue(read.get() <= 2 * 4096, read.get() + " inputs read");
  }

  @Test
  void anArgumentThatIsNotTransferableIsRefusedHere() {
    // A list that lies about its element type, so that the runtime, not javac, must refuse it.
    @SuppressWarnings("unchecked")
    List<Integer> notTransferable = (List<Integer>) (List<?>) List.of(new Object());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> shared.applyAsync(EchoListProcess.task(notTransferable)));
    assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    Iterator<List<Integer>> it =
        shared.imap(EchoListProcess::task, List.of(List.of(1), notTransferable, List.of(3)));
    assertEquals(List.of(1), it.next());
    assertThrows(IllegalArgumentException.class, it::next);
    assertEquals(List.of(3), it.next());
  }

  @Test
  void argumentsAndResultsOfMegabytesTravel() throws Exception {
    long[] values = new long[1_000_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i;
    }
    CompletableFuture<Long> sum = shared.applyAsync(SumProcess.task(values));
    byte[] bytes = shared.apply(BytesProcess.task(5_000_000));
    assertEquals(5_000_000, bytes.length);
    assertEquals((byte) 4_999_999, bytes[4_999_999]);
    assertEquals(499_999_500_000L, sum.get());
  }

  @Test
  void aQueueTravelsToTasksByReference() throws InterruptedException {
    try (Queue<Integer> queue = new Queue<>()) {
      shared.map(x -> PutSquareProcess.task(queue, x), range(20));
      Set<Integer> squares = new HashSet<>();
      for (int i = 0; i < 20; i++) {
        squares.add(queue.get());
      }
      assertEquals(new HashSet<>(squares(20)), squares);
      assertTrue(queue.isEmpty());
    }
  }

  @Test
  void aQueueOutlivesAPoolClosedInItsJvm_whoseWorkersReachedTheSameListener()
      throws InterruptedException {
    try (Queue<Integer> queue = new Queue<>()) {
      try (Pool pool = new Pool(1)) {
        pool.apply(PutSquareProcess.task(queue, 2));
      }
      PutSquareProcess child = new PutSquareProcess(queue, 3);
      child.start();
      child.join();
      assertEquals(4, queue.get());
      assertEquals(9, queue.get());
    }
  }

  @Test
  void aTaskNotMadeByGeneratedCodeIsRefused() {
    Task<Integer> foreign = new Task<>() {};
    assertThrows(IllegalArgumentException.class, () -> shared.apply(foreign));
  }

  @Test
  void manyThreadsCanSubmitAtOnce() throws Exception {
    List<CompletableFuture<Integer>> sums = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      sums.add(
          CompletableFuture.supplyAsync(
              () -> {
                int sum = 0;
                for (int i = 0; i < 200; i++) {
                  try {
                    sum += shared.apply(SquareProcess.task(i));
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                }
                return sum;
              }));
    }
    int expected = IntStream.range(0, 200).map(x -> x * x).sum();
    for (CompletableFuture<Integer> sum : sums) {
      assertEquals(expected, sum.get());
    }
  }

  @Test
  void workersAreNamedPoolWorkerOnTheirCommandLine() throws InterruptedException {
    String commandLine = shared.apply(WorkerCommandLineProcess.task());
    assertTrue(commandLine.contains("-Ddev.subprocess.child=PoolWorker-"), commandLine);
    assertTrue(commandLine.contains("dev.subprocess.internal.pool.WorkerMain"), commandLine);
    assertFalse(commandLine.contains("Process-"), commandLine);
  }

  @Test
  void aBlockingCallInAStageChainedToAFutureIsRefused() {
    // The task takes long enough for the stage to be chained before the result comes: the
    // stage then runs on the thread that delivers the pool's results.
    CompletableFuture<Integer> chained =
        shared
            .applyAsync(SleepThenPidProcess.task(300))
            .thenApply(
                pid -> {
                  try {
                    return shared.apply(SquareProcess.task(3));
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                });
    ExecutionException e = assertThrows(ExecutionException.class, chained::get);
    IllegalStateException refused = assertInstanceOf(IllegalStateException.class, e.getCause());
    assertTrue(refused.getMessage().contains("thenApplyAsync"), refused.getMessage());
  }

  @Test
  void anInterruptedApplyThrowsInterruptedException() {
    Thread.currentThread().interrupt();
    assertThrows(InterruptedException.class, () -> shared.apply(SquareProcess.task(2)));
    assertFalse(Thread.currentThread().isInterrupted());
  }

  // ---------------------------------------------------------------------------------------------
  // Workers

  @Test
  void fiveTasksOnThreeWorkersReuseThreePids() throws Exception {
    Pool pool = own(new Pool(3));
    List<CompletableFuture<Long>> pids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pids.add(pool.applyAsync(SleepThenPidProcess.task(200)));
    }
    Set<Long> distinct = new HashSet<>();
    for (CompletableFuture<Long> pid : pids) {
      distinct.add(pid.get());
    }
    assertTrue(distinct.size() <= 3, "pids: " + distinct);
  }

  @Test
  void maxTasksPerChildOfOneGivesEachTaskANewWorker() throws InterruptedException {
    Pool pool = own(Pool.builder().processes(2).maxTasksPerChild(1).build());
    List<Long> pids = pool.map(i -> WorkerPidProcess.task(), range(5));
    assertEquals(5, new HashSet<>(pids).size(), "pids: " + pids);
  }

  @Test
  void initializerRunsOnceInEachWorkerBeforeItsFirstTask() throws Exception {
    Path pidFile = temp.resolve("initialized");
    Pool pool =
        own(
            Pool.builder()
                .processes(2)
                .initializer(InitializeProcess.task("ready", pidFile.toString()))
                .build());
    List<String> states = pool.map(i -> InitializedStateProcess.task(), range(40));
    Map<String, List<Integer>> countsByWorker = new HashMap<>();
    for (String state : states) {
      // "ready@<pid>#<tasks run in that worker>"
      assertTrue(state.startsWith("ready@"), state);
      String worker = state.substring(0, state.indexOf('#'));
      int count = Integer.parseInt(state.substring(state.indexOf('#') + 1));
      countsByWorker.computeIfAbsent(worker, w -> new ArrayList<>()).add(count);
    }
    List<String> initialized =
        Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream()
            .map(pid -> "ready@" + pid)
            .collect(Collectors.toList());
    assertEquals(new HashSet<>(initialized).size(), initialized.size(), "ran twice: " + initialized);
    assertTrue(initialized.containsAll(countsByWorker.keySet()), initialized + " " + countsByWorker);
    for (List<Integer> counts : countsByWorker.values()) {
      counts.sort(null);
      assertEquals(IntStream.rangeClosed(1, counts.size()).boxed().collect(Collectors.toList()), counts);
    }
  }

  @Test
  void noWorkerOutlivesItsClosedPool() throws InterruptedException {
    Pool pool = own(new Pool(2));
    Set<Long> pids = new HashSet<>(pool.map(i -> SleepThenPidProcess.task(50), range(8)));
    pool.close();
    for (long pid : pids) {
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Faults

  @Test
  void aTaskThatThrowsFailsAloneAndItsWorkerGoesOn() throws InterruptedException {
    Pool pool = own(new Pool(1));
    long pid = pool.apply(WorkerPidProcess.task());
    SubprocessException e =
        assertThrows(SubprocessException.class, () -> pool.apply(FailWithProcess.task("boom")));
    assertEquals(1, e.exitCode());
    assertEquals(pid, e.pid());
    assertTrue(e.getMessage().contains("pid " + pid) && e.getMessage().contains("exit code 1"),
        e.getMessage());
    RemoteException remote = assertInstanceOf(RemoteException.class, e.getCause());
    assertEquals(IllegalStateException.class.getName(), remote.className());
    assertEquals("boom", remote.getMessage());
    assertEquals("failWith", remote.getStackTrace()[0].getMethodName());
    assertEquals(pid, pool.apply(WorkerPidProcess.task()));
  }

  @Test
  void aWorkerThatHaltsFailsItsTaskWithItsPidAndExitCodeAndIsReplaced()
      throws InterruptedException {
    Pool pool = own(new Pool(1));
    long pid = pool.apply(WorkerPidProcess.task());
    SubprocessException e =
        assertThrows(SubprocessException.class, () -> pool.apply(HaltWorkerProcess.task(7)));
    assertEquals(7, e.exitCode());
    assertEquals(pid, e.pid());
    assertTrue(e.getMessage().contains("pid " + pid) && e.getMessage().contains("exit code 7"),
        e.getMessage());
    assertNotEquals(pid, pool.apply(WorkerPidProcess.task()));
    assertEquals(81, pool.apply(SquareProcess.task(9)));
  }

  @Test
  void aWorkerKilledBySignalFailsItsTaskWithTheSignal() throws InterruptedException {
    Pool pool = own(new Pool(1));
    SubprocessException e =
        assertThrows(SubprocessException.class, () -> pool.apply(KillWorkerProcess.task()));
    assertEquals(-9, e.exitCode());
    assertTrue(e.getMessage().contains("SIGKILL"), e.getMessage());
    assertEquals(4, pool.apply(SquareProcess.task(2)));
  }

  @Test
  void aWorkerThatCallsSystemExitReportsItsStatus() throws InterruptedException {
    Pool pool = own(new Pool(1));
    SubprocessException e =
        assertThrows(SubprocessException.class, () -> pool.apply(ExitWorkerProcess.task(137)));
    // 137 is also how SIGKILL looks; the worker said it was exiting, so it is an exit code.
    assertEquals(137, e.exitCode());
    assertEquals(4, pool.apply(SquareProcess.task(2)));
  }

  @Test
  void aWorkerThatRunsOutOfMemoryFailsItsTaskAndIsReplaced() throws InterruptedException {
    Pool pool = own(Pool.builder().processes(1).jvmOptions("-Xmx32m").build());
    SubprocessException e =
        assertThrows(SubprocessException.class, () -> pool.apply(ExhaustMemoryProcess.task()));
    assertEquals(3, e.exitCode());
    assertTrue(e.getMessage().contains("OutOfMemoryError"), e.getMessage());
    assertEquals(16, pool.apply(SquareProcess.task(4)));
  }

  @Test
  void aDeadWorkerFailsOnlyTheTasksItHeld() throws Exception {
    Pool pool = own(new Pool(2));
    CompletableFuture<Long> slow = pool.applyAsync(SleepThenPidProcess.task(1500));
    CompletableFuture<Void> halted = pool.applyAsync(HaltWorkerProcess.task(1));
    ExecutionException e = assertThrows(ExecutionException.class, halted::get);
    SubprocessException failure = assertInstanceOf(SubprocessException.class, e.getCause());
    assertEquals(1, failure.exitCode());
    long slowPid = slow.get();
    assertNotEquals(failure.pid(), slowPid);
  }

  @Test
  void terminateFailsEveryPendingTaskAtOnce() throws Exception {
    Pool pool = own(new Pool(2));
    long pid = pool.apply(WorkerPidProcess.task());
    List<CompletableFuture<Long>> pending = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      pending.add(pool.applyAsync(SleepThenPidProcess.task(30_000)));
    }
    // The first task went to a worker that was idle: it is running, the others wait.
    pool.terminate();
    Set<Long> pids = new HashSet<>();
    for (CompletableFuture<Long> future : pending) {
      assertTrue(future.isCompletedExceptionally());
      ExecutionException e = assertThrows(ExecutionException.class, future::get);
      SubprocessException failure = assertInstanceOf(SubprocessException.class, e.getCause());
      assertEquals(-15, failure.exitCode());
      pids.add(failure.pid());
    }
    assertTrue(pids.contains(pid), "the running task names its worker: " + pids);
    pool.join();
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertThrows(IllegalStateException.class, () -> pool.applyAsync(SquareProcess.task(1)));
    pool.terminate();
  }

  @Test
  void aWorkerThatCannotStartFailsTheTasksInTheJvmsOwnWords() {
    Pool pool = own(Pool.builder().processes(1).jvmOptions("-XX:+NoSuchOption").build());
    SubprocessException e =
        assertThrows(SubprocessException.class, () -> pool.apply(SquareProcess.task(1)));
    assertTrue(e.getMessage().contains("Unrecognized VM option 'NoSuchOption'"), e.getMessage());
    SubprocessException again =
        assertThrows(SubprocessException.class, () -> pool.apply(SquareProcess.task(2)));
    assertEquals(e.getMessage(), again.getMessage());
  }

  @Test
  void anInitializerThatThrowsFailsTheTasksWithItsException() {
    Pool pool =
        own(Pool.builder().processes(1).initializer(FailToInitializeProcess.task()).build());
    SubprocessException e =
        assertThrows(SubprocessException.class, () -> pool.apply(SquareProcess.task(1)));
    RemoteException remote = assertInstanceOf(RemoteException.class, e.getCause());
    assertEquals(UnsupportedOperationException.class.getName(), remote.className());
    assertEquals("no initializing today", remote.getMessage());
    assertTrue(e.getMessage().contains("initializer"), e.getMessage());
  }

  @Test
  @Timeout(120)
  void aResultTheParentCannotDecodeFailsItsTaskAndNothingHangs() throws Exception {
    // A parent of 32 MiB whose worker returns millions of strings: decoding them is an
    // OutOfMemoryError on the parent's reader thread.
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    java.lang.Process parent =
        new ProcessBuilder(
                java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                PoolParent.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      List<String> lines = new ArrayList<>();
      CompletableFuture<Void> read =
          CompletableFuture.runAsync(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(parent.getInputStream()))) {
                  out.lines().forEach(lines::add);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      assertTrue(parent.waitFor(90, TimeUnit.SECONDS), "the parent hangs; it printed " + lines);
      read.get(10, TimeUnit.SECONDS);
      assertEquals(5, lines.size(), lines.toString());
      assertTrue(lines.get(0).startsWith("imap first: failed: "), lines.get(0));
      assertTrue(lines.get(0).contains("could not be read"), lines.get(0));
      assertEquals("imap second: 1", lines.get(1));
      assertTrue(lines.get(2).startsWith("applyAsync: failed: "), lines.get(2));
      assertEquals("apply: 2", lines.get(3));
      assertEquals("closed", lines.get(4));
      assertEquals(0, parent.exitValue());
    } finally {
      parent.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      parent.destroyForcibly();
    }
  }

  @Test
  void aResultTooLargeForTheWorkerToEncodeFailsOnlyItsTask() {
    Pool pool = own(Pool.builder().processes(1).batchSize(3).jvmOptions("-Xmx64m").build());
    // Three tasks in one batch: a megabyte, 200 megabytes to encode in a heap of 64, a megabyte.
    Iterator<List<byte[]>> it = pool.imap(SameMegabyteProcess::task, List.of(1, 200, 1));
    assertEquals(1, it.next().size());
    SubprocessException e = assertThrows(SubprocessException.class, it::next);
    assertEquals(1, e.exitCode(), e.getMessage());
    assertTrue(e.getMessage().contains("too large"), e.getMessage());
    assertEquals(1, it.next().size());
    long pid = e.pid();
    assertEquals(pid, pool.applyAsync(WorkerPidProcess.task()).join(), "the worker was replaced");
  }

  @Test
  void aBadJvmOptionFailsThePoolFastInTheJvmsOwnWords() {
    long start = System.nanoTime();
    Pool pool = own(Pool.builder().processes(2).jvmOptions("-Xbogus").build());
    SubprocessException e =
        assertThrows(SubprocessException.class, () -> pool.apply(SquareProcess.task(1)));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(e.getMessage().contains("Unrecognized option: -Xbogus"), e.getMessage());
    assertTrue(millis < 5_000, "the failure took " + millis + " ms");
  }

  @Test
  void aWorkerThatExitsDuringItsStartFailsThePoolFast() {
    long start = System.nanoTime();
    // Options under which a JVM prints more at its start than a pipe holds.
    Pool pool =
        own(
            Pool.builder()
                .processes(1)
                .jvmOptions("-XX:+PrintFlagsFinal", "-Xlog:class+load=info")
                .initializer(HaltWorkerProcess.task(5))
                .build());
    SubprocessException e =
        assertThrows(SubprocessException.class, () -> pool.apply(SquareProcess.task(1)));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(5, e.exitCode(), e.getMessage());
    assertTrue(e.getMessage().contains("could not start"), e.getMessage());
    assertTrue(millis < 5_000, "the failure took " + millis + " ms");
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle

  @Test
  void joinBeforeCloseOrTerminateIsRefused() {
    IllegalStateException e = assertThrows(IllegalStateException.class, shared::join);
    assertTrue(e.getMessage().contains("close()"), e.getMessage());
  }

  @Test
  void closeWaitsForTheTasksSubmittedThenRefusesNewOnes() throws Exception {
    Pool pool = own(new Pool(1));
    CompletableFuture<Long> submitted = pool.applyAsync(SleepThenPidProcess.task(300));
    pool.close();
    assertTrue(submitted.isDone());
    long pid = submitted.get();
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertThrows(IllegalStateException.class, () -> pool.apply(SquareProcess.task(1)));
    assertThrows(IllegalStateException.class, () -> pool.applyAsync(SquareProcess.task(1)));
    assertThrows(IllegalStateException.class, () -> pool.map(SquareProcess::task, range(2)));
    assertThrows(IllegalStateException.class, () -> pool.imap(SquareProcess::task, range(2)));
    assertThrows(
        IllegalStateException.class, () -> pool.imapUnordered(SquareProcess::task, range(2)));
    pool.join();
    pool.close();
  }

  @Test
  void anInterruptedCloseTerminatesAndKeepsTheFlag() throws InterruptedException {
    Pool pool = own(new Pool(1));
    pool.apply(SquareProcess.task(1));
    CompletableFuture<Long> endless = pool.applyAsync(SleepThenPidProcess.task(60_000));
    Thread.currentThread().interrupt();
    pool.close();
    assertTrue(Thread.interrupted());
    ExecutionException e = assertThrows(ExecutionException.class, endless::get);
    assertEquals(-15, assertInstanceOf(SubprocessException.class, e.getCause()).exitCode());
  }

  @Test
  void theBuilderRefusesWhatCannotBe() {
    assertThrows(IllegalArgumentException.class, () -> Pool.builder().processes(0));
    assertThrows(IllegalArgumentException.class, () -> Pool.builder().maxTasksPerChild(-1));
    assertThrows(IllegalArgumentException.class, () -> Pool.builder().batchSize(-1));
    assertThrows(IllegalArgumentException.class, () -> new Pool(0));
    assertThrows(IllegalArgumentException.class, () -> Pool.builder().initializer(new Task<>() {}));
    assertThrows(NullPointerException.class, () -> Pool.builder().jvmOptions((String) null));
  }

  @Test
  void tryWithResourcesClosesThePool() throws InterruptedException {
    Pool closed;
    try (Pool pool = new Pool(1)) {
      closed = pool;
      assertEquals(1, pool.apply(SquareProcess.task(1)));
    }
    assertTrue(closed.toString().contains("CLOSED"), closed.toString());
    closed.join();
  }
}

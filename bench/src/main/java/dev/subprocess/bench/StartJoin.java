package dev.subprocess.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Issue 2: the wall time of {@code new EmptyProcess().start().join()} of {@link EmptyMain#empty},
 * against the floor, a bare JVM running {@link EmptyMain#main} on the same class path, and against
 * Python's {@code spawn} start method. Target: at most 1.2 times the bare JVM.
 */
final class StartJoin implements Benchmark {
  private static final Metric WALL_TIME = Metric.seconds("seconds", "wall time of start + join");

  @Override
  public String name() {
    return "startjoin";
  }

  @Override
  public String title() {
    return "start + join of an empty @Subprocess method vs a bare JVM vs Python spawn (issue 2)";
  }

  @Override
  public List<Metric> metrics() {
    return List.of(WALL_TIME);
  }

  @Override
  public List<Contender> contenders(Settings settings) throws IOException {
    return List.of(
        new Ours(),
        new BareJvm(),
        PythonContender.start(
            settings,
            "python",
            "multiprocessing.get_context(\"spawn\").Process(target=empty): start() + join()",
            "startjoin.py"));
  }

  @Override
  public List<Ratio> ratios() {
    return List.of(
        Ratio.of("ours", "bare", WALL_TIME).withTarget(Ratio.Target.atMost(1.2)),
        Ratio.of("ours", "python", WALL_TIME));
  }

  @Override
  public int warmupRounds() {
    return 5;
  }

  @Override
  public int rounds() {
    return 30;
  }

  private static final class Ours implements Contender {
    @Override
    public String name() {
      return "ours";
    }

    @Override
    public String description() {
      return "new EmptyProcess().start().join()";
    }

    @Override
    public Sample runRound() throws InterruptedException {
      long start = System.nanoTime();
      EmptyProcess process = new EmptyProcess().start();
      process.join();
      Sample sample = Sample.ofSecondsSince(WALL_TIME.key(), start);
      requireSuccess(process.exitCode().orElseThrow(), process.toString());
      return sample;
    }
  }

  /** What {@code ours} does at the least: the same {@code java}, class path and stdio. */
  private static final class BareJvm implements Contender {
    private final List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            EmptyMain.class.getName());

    @Override
    public String name() {
      return "bare";
    }

    @Override
    public String description() {
      return "java -cp <the same class path> " + EmptyMain.class.getName()
          + ", by ProcessBuilder, then waitFor()";
    }

    @Override
    public Sample runRound() throws IOException, InterruptedException {
      long start = System.nanoTime();
      java.lang.Process jvm =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.INHERIT)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      int exitCode = jvm.waitFor();
      Sample sample = Sample.ofSecondsSince(WALL_TIME.key(), start);
      requireSuccess(exitCode, "bare JVM pid " + jvm.pid());
      return sample;
    }
  }

  private static void requireSuccess(int exitCode, String what) {
    if (exitCode != 0) {
      throw new IllegalStateException(what + " ended with exit code " + exitCode);
    }
  }
}

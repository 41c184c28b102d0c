package dev.subprocess.examples;

import java.util.List;

/**
 * Runs every example in turn, each under a header line: {@code mvn -q -DskipTests -Ptour verify}
 * from the project's root. Given simple class names as arguments, runs only those.
 *
 * <p>A new example is one line in {@link #EXAMPLES}.
 */
public final class Tour {
  /** The examples, in the order a newcomer to Python's multiprocessing meets their ideas. */
  static final List<Example> EXAMPLES =
      List.of(
          new Example(
              ParentAndChild.class, "a child and its parent's pids", ParentAndChild::main),
          new Example(
              NoSharedGlobals.class,
              "a static field changed in the child is not changed in the parent",
              NoSharedGlobals::main),
          new Example(
              ArgumentsAndName.class,
              "arguments, keyword arguments and a name",
              ArgumentsAndName::main),
          new Example(
              ProcessWithState.class,
              "a process with state: a record's method",
              ProcessWithState::main),
          new Example(
              OneByOneVersusAllAtOnce.class,
              "joined one by one versus all started, then all joined",
              OneByOneVersusAllAtOnce::main),
          new Example(
              PoolExample.class, "a pool of 3 runs 5 tasks: three pids, reused", PoolExample::main),
          new Example(
              QueueExample.class,
              "a writer child and a reader child talk through a queue",
              QueueExample::main),
          new Example(
              PipeExample.class,
              "a pipe: the child sends, then closes its end",
              PipeExample::main));

  private Tour() {}

  public static void main(String[] args) throws Exception {
    List<String> only = List.of(args);
    int number = 0;
    for (Example example : EXAMPLES) {
      number++;
      if (!only.isEmpty() && !only.contains(example.type().getSimpleName())) {
        continue;
      }
      System.out.printf(
          "%n=== %d/%d  %s: %s ===%n",
          number, EXAMPLES.size(), example.type().getSimpleName(), example.idea());
      example.main().run(new String[0]);
    }
  }

  /** An example's class, the idea it shows, and its {@code main}. */
  record Example(Class<?> type, String idea, Main main) {}

  /** A {@code main} method. */
  @FunctionalInterface
  interface Main {
    void run(String[] args) throws Exception;
  }
}

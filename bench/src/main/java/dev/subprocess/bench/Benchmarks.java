package dev.subprocess.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Every benchmark there is, in the order in which {@code bench/run} runs them by default. */
final class Benchmarks {
  /** A new benchmark is one class and one line here (and its Python script). */
  static final List<Benchmark> ALL =
      List.of(new StartJoin(), new PoolThroughput(), new QueueThroughput(), new PipeThroughput());

  private Benchmarks() {}

  /** The benchmarks named, in the order given; all of them when none is named. */
  static List<Benchmark> select(List<String> names) {
    if (names.isEmpty()) {
      return ALL;
    }
    List<Benchmark> selected = new ArrayList<>();
    for (String name : names) {
      selected.add(named(name));
    }
    return selected;
  }

  private static Benchmark named(String name) {
    for (Benchmark benchmark : ALL) {
      if (benchmark.name().equals(name)) {
        return benchmark;
      }
    }
    throw new IllegalArgumentException(
        "no benchmark named \"" + name + "\"; there are: "
            + ALL.stream().map(Benchmark::name).collect(Collectors.joining(", ")));
  }
}

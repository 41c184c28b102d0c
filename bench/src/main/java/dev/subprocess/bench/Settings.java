package dev.subprocess.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The command line of {@link Bench}: which benchmarks, how many rounds, where Python and its
 * scripts are, and where raw results go.
 */
record Settings(
    List<String> names,
    OptionalInt warmupRounds,
    OptionalInt rounds,
    String python,
    Path pythonScripts,
    Optional<Path> resultsDirectory,
    boolean listOnly) {

  static final String USAGE =
      "usage: bench/run [--rounds N] [--warmup N] [--python EXE] [--python-dir DIR]"
          + " [--results DIR] [--list] [name...]";

  static Settings parse(String... args) {
    List<String> names = new ArrayList<>();
    OptionalInt warmupRounds = OptionalInt.empty();
    OptionalInt rounds = OptionalInt.empty();
    String python = "python3";
    Path pythonScripts = Path.of("bench", "python");
    Optional<Path> results = Optional.empty();
    boolean listOnly = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--rounds" -> rounds = OptionalInt.of(count(arg, value(args, ++i, arg), 1));
        case "--warmup" -> warmupRounds = OptionalInt.of(count(arg, value(args, ++i, arg), 0));
        case "--python" -> python = value(args, ++i, arg);
        case "--python-dir" -> pythonScripts = Path.of(value(args, ++i, arg));
        case "--results" -> results = Optional.of(Path.of(value(args, ++i, arg)));
        case "--list" -> listOnly = true;
        default -> {
          if (arg.startsWith("-")) {
            throw new IllegalArgumentException("unknown option " + arg);
          }
          names.add(arg);
        }
      }
    }
    return new Settings(
        List.copyOf(names), warmupRounds, rounds, python, pythonScripts, results, listOnly);
  }

  /** The Python script of a benchmark, e.g. {@code bench/python/startjoin.py}. */
  Path pythonScript(String fileName) {
    return pythonScripts.resolve(fileName);
  }

  int warmupRounds(Benchmark benchmark) {
    return warmupRounds.orElse(benchmark.warmupRounds());
  }

  int rounds(Benchmark benchmark) {
    return rounds.orElse(benchmark.rounds());
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }

  private static int count(String option, String text, int least) {
    try {
      int count = Integer.parseInt(text);
      if (count >= least) {
        return count;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        option + " needs a whole number of at least " + least + ", not \"" + text + "\"");
  }
}

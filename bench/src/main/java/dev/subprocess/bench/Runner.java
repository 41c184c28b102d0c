package dev.subprocess.bench;

import java.io.IOException;
import java.util.List;

/**
 * Runs one benchmark: its contenders take turns round by round (A B C, A B C, …), so that
 * whatever else the machine does in the meantime slows all of them alike; the warm-up rounds come
 * first and are not kept.
 */
final class Runner {
  private final Benchmark benchmark;
  private final int warmupRounds;
  private final int rounds;
  private final Settings settings;

  Runner(Benchmark benchmark, Settings settings) {
    this.benchmark = benchmark;
    this.settings = settings;
    this.warmupRounds = settings.warmupRounds(benchmark);
    this.rounds = settings.rounds(benchmark);
  }

  Results run() throws Exception {
    Results results = new Results(benchmark, warmupRounds);
    List<Contender> contenders = benchmark.contenders(settings);
    try {
      for (Contender contender : contenders) {
        results.addContender(contender);
      }
      Progress progress = new Progress(benchmark.name(), warmupRounds, rounds);
      for (int round = 0; round < warmupRounds + rounds; round++) {
        for (Contender contender : contenders) {
          Sample sample = contender.runRound();
          if (round >= warmupRounds) {
            results.add(contender.name(), sample);
          }
        }
        progress.roundDone(round);
      }
      return results;
    } finally {
      closeAll(contenders);
    }
  }

  private static void closeAll(List<Contender> contenders) throws IOException {
    IOException first = null;
    for (Contender contender : contenders) {
      try {
        contender.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** One character per round on stderr: {@code w} warming up, {@code .} measured. */
  private static final class Progress {
    private final int warmupRounds;
    private final int total;

    Progress(String name, int warmupRounds, int rounds) {
      this.warmupRounds = warmupRounds;
      this.total = warmupRounds + rounds;
      System.err.printf("%s: %d warm-up + %d rounds ", name, warmupRounds, rounds);
    }

    void roundDone(int round) {
      System.err.print(round < warmupRounds ? 'w' : '.');
      if (round == total - 1) {
        System.err.println();
      }
      System.err.flush();
    }
  }
}

package dev.subprocess.bench;

import java.util.List;

/**
 * One benchmark: what it measures, who competes, and which ratios of their medians it reports.
 *
 * <p>A benchmark is stateless; {@link #contenders} creates the contenders for one run, and the
 * {@link Runner} asks each of them in turn for one {@link Sample} per round.
 */
interface Benchmark {
  /** The name on the command line: {@code bench/run startjoin}. */
  String name();

  /** One line: what is measured, and the issue that asks for it. */
  String title();

  /** What each round measures; every contender reports every metric. */
  List<Metric> metrics();

  /** The contenders, in the order in which they run within a round. */
  List<Contender> contenders(Settings settings) throws Exception;

  /** The ratios of medians to report, each with its target if the issue sets one. */
  List<Ratio> ratios();

  /** Rounds run and thrown away first, to warm up the JIT, the page cache and the interpreters. */
  int warmupRounds();

  /** Rounds measured. */
  int rounds();
}

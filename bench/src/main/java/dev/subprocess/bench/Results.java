package dev.subprocess.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The measured samples of one benchmark run, per contender in running order. */
final class Results {
  private final Benchmark benchmark;
  private final int warmupRounds;
  private final Map<String, String> descriptions = new LinkedHashMap<>();
  private final Map<String, List<Sample>> samples = new LinkedHashMap<>();

  Results(Benchmark benchmark, int warmupRounds) {
    this.benchmark = benchmark;
    this.warmupRounds = warmupRounds;
  }

  void addContender(Contender contender) {
    descriptions.put(contender.name(), contender.description());
    samples.put(contender.name(), new ArrayList<>());
  }

  void add(String contender, Sample sample) {
    samples.get(contender).add(sample);
  }

  Benchmark benchmark() {
    return benchmark;
  }

  int warmupRounds() {
    return warmupRounds;
  }

  /** Contender names, in running order. */
  List<String> contenders() {
    return List.copyOf(samples.keySet());
  }

  String description(String contender) {
    return descriptions.get(contender);
  }

  List<Sample> samples(String contender) {
    return List.copyOf(samples.get(contender));
  }

  Stats stats(String contender, Metric metric) {
    List<Double> values = new ArrayList<>();
    for (Sample sample : samples.get(contender)) {
      values.add(sample.value(metric, contender));
    }
    return Stats.of(values);
  }

  boolean has(String contender) {
    return samples.containsKey(contender);
  }
}

package com.acme;

import dev.subprocess.Subprocess;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Records that contain themselves, directly, through a container, or with other arguments. */
class RecursiveRecords {
  record Tree(int value, List<Tree> kids) {}

  /** Each level holds a list of the one below: Node<T>, Node<List<T>>, ... without end. */
  record Node<T>(T value, Node<List<T>> next) {}

  record Pair<A, B>(A first, B second) {}

  /** Doubles its type argument at each level. */
  record Branch<T>(T value, Optional<Branch<Pair<T, T>>> more) {}

  @Subprocess
  static Tree prune(Tree tree) {
    return tree;
  }

  @Subprocess
  static Node<Integer> renumber(Node<String> node) {
    return new Node<>(0, null);
  }

  @Subprocess
  static int depth(Map<String, List<Branch<Node<Tree>>>> forest) {
    return forest.size();
  }
}

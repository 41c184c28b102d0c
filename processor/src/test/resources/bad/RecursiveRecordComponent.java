package com.acme;

import dev.subprocess.Subprocess;
import java.util.List;

class RecursiveRecordComponent {
  record Node<T>(T value, Node<List<T>> next, Thread owner) {}

  @Subprocess
  static void walk(Node<String> node) {}
}

package dev.subprocess.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** Alone, so that no other test creates a process between the two below. */
@Isolated
class ProcessNamesTest {
  @Test
  void namesCountFromOneInThisJvm() {
    int first = number(new EmptyProcess().name());
    int second = number(new EmptyProcess().name());
    assertEquals(first + 1, second);
  }

  private static int number(String name) {
    assertTrue(name.startsWith("Process-"), name);
    return Integer.parseInt(name.substring("Process-".length()));
  }
}

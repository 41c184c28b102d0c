package dev.subprocess.internal.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class TimeoutsTest {
  @Test
  void negativeTimeout_isZero() {
    assertEquals(0, Timeouts.nanos(Duration.ofSeconds(-5)));
    assertEquals(0, Timeouts.nanos(Duration.ZERO));
  }

  @Test
  void ordinaryTimeout_isExact() {
    assertEquals(1_500_000L, Timeouts.nanos(Duration.ofNanos(1_500_000)));
  }

  @Test
  void hugeTimeout_saturatesAndItsDeadlineDoesNotOverflow() {
    assertEquals(Timeouts.FOREVER, Timeouts.nanos(ChronoUnit.FOREVER.getDuration()));
    assertEquals(Timeouts.FOREVER, Timeouts.nanos(Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L)));
    assertTrue(Timeouts.deadline(Timeouts.FOREVER) - System.nanoTime() > 0);
  }

  @Test
  void nullTimeout_isRefusedByName() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Timeouts.nanos(null));
    assertEquals("timeout", e.getMessage());
  }
}

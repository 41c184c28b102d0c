package dev.subprocess.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every task claimed is settled once and uncounted, whatever a sink throws. */
@Timeout(10)
class SettlementTest {
  /** Records what it is told; throws an Error when told that task {@code throwAt} failed. */
  private static final class Recorder implements Sink {
    final List<String> events = new ArrayList<>();
    final int throwAt;

    Recorder(int throwAt) {
      this.throwAt = throwAt;
    }

    @Override
    public void succeeded(int index, Object value) {
      events.add(index + " = " + value);
    }

    @Override
    public void failed(int index, RuntimeException failure) {
      events.add(index + " failed");
      if (index == throwAt) {
        throw new OutOfMemoryError("no room to settle " + index);
      }
    }

    @Override
    public void delivered() {
      events.add("delivered");
    }
  }

  @Test
  void aClaimFailsEveryTaskLeftAndUncountsThemEvenIfASinkThrows() throws Exception {
    Settlement settlement = new Settlement();
    Recorder first = new Recorder(11);
    Recorder second = new Recorder(-1);
    Job a = new Job(first, 10, 3, new byte[0], -1);
    Job b = new Job(second, 0, 2, new byte[0], -1);
    settlement.added(5);
    assertTrue(a.claimNext(0));
    first.succeeded(10, "x");
    settlement.settled(1);

    RuntimeException failure = new IllegalStateException("gone");
    List<Settlement.Claim> claims = new ArrayList<>();
    claims.add(Settlement.claim(a, failure));
    claims.add(Settlement.claim(b, failure));
    assertNull(Settlement.claim(a, failure), "claimed twice");
    OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class, () -> settlement.fail(claims));
    assertEquals("no room to settle 11", thrown.getMessage());

    assertEquals(List.of("10 = x", "11 failed", "12 failed", "delivered"), first.events);
    assertEquals(List.of("0 failed", "1 failed", "delivered"), second.events);
    assertFalse(settlement.anyPending());
    settlement.awaitNone();
  }

  @Test
  void aTaskSettledInOrderCannotBeClaimedAgain() {
    Job job = new Job(new Recorder(-1), 0, 2, new byte[0], -1);
    assertTrue(job.claimNext(0));
    Settlement.Claim rest = Settlement.claim(job, new IllegalStateException());
    assertSame(job, rest.job);
    assertEquals(1, rest.from);
    assertFalse(job.claimNext(1), "the reader must not settle a task claimed by another");
  }
}

package dev.subprocess.internal.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.subprocess.internal.ring.Sleepers;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A client's slots of a bounded queue, without a host: what goes back, and when. */
@Timeout(30)
class SlotsTest {
  private final FakeHost host = new FakeHost();
  private final Slots slots = new Slots(host);

  @Test
  void aPutInterruptedAsItsGrantArrives_givesTheSlotBack() throws Exception {
    AtomicReference<Thread> putter = new AtomicReference<>();
    AtomicReference<String> outcome = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              putter.set(Thread.currentThread());
              try {
                outcome.set(slots.acquire(-1) ? "acquired" : "timed out");
              } catch (InterruptedException e) {
                outcome.set("interrupted");
              }
            });
    t.start();
    Sleepers.awaitSleeping(putter);
    assertEquals(1, host.wants);
    slots.lock().lock();
    try {
      t.interrupt();
      // The put is awake, interrupted, and waits for the lock: the grant comes now.
      while (!slots.lock().hasQueuedThread(t)) {
        Thread.onSpinWait();
      }
      slots.arrived(1, true);
    } finally {
      slots.lock().unlock();
    }
    t.join(TimeUnit.SECONDS.toMillis(10));
    assertEquals("interrupted", outcome.get());
    assertEquals(List.of(1), host.givenBack, "the slot goes back to the host");
  }

  @Test
  void aGrantAfterATimeout_goesBack_andOneForAWaitingPut_isTaken() throws Exception {
    assertFalse(slots.acquire(TimeUnit.MILLISECONDS.toNanos(5)));
    slots.arrived(1, true);
    assertEquals(List.of(1), host.givenBack);
    slots.arrived(1, false);
    assertEquals(List.of(1, 1), host.givenBack);
    assertFalse(slots.acquire(0));
    assertEquals(2, host.wants, "a new WANT once the last was granted");
    slots.arrived(1, true);
    assertEquals(List.of(1, 1, 1), host.givenBack);
  }

  private static final class FakeHost implements Slots.Host {
    volatile int wants;
    final List<Integer> givenBack = new CopyOnWriteArrayList<>();

    @Override
    public void want() {
      wants++;
    }

    @Override
    public void giveBack(int n) {
      givenBack.add(n);
    }

    @Override
    public void checkOpen() {}

    @Override
    public boolean isOpen() {
      return true;
    }
  }
}

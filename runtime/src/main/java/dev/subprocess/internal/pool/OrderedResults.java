package dev.subprocess.internal.pool;

import dev.subprocess.internal.process.Invocation;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The results of {@code imap} and {@code map}, in the order of the inputs. Results land in a ring
 * of slots, one per task in flight; the consumer waits only for the slot it needs next.
 */
final class OrderedResults<T, R> extends ResultIterator<T, R> {
  private final AtomicReferenceArray<Object> slots;
  private final int mask;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  /** Whether the consumer waits; read by the pool's threads to spare a wake-up nobody awaits. */
  private volatile boolean waiting;

  OrderedResults(
      PoolCore core, Iterator<? extends T> inputs, Function<? super T, ? extends Invocation<R>> function,
      int batchSize, int readAhead) {
    super(core, inputs, function, batchSize, readAhead);
    int capacity = Integer.highestOneBit(Math.max(1, readAhead - 1)) << 1;
    slots = new AtomicReferenceArray<>(capacity);
    mask = capacity - 1;
  }

  @Override
  Object take(boolean interruptible) throws InterruptedException {
    int slot = consumed() & mask;
    Object result = slots.getAcquire(slot);
    if (result == null) {
      lock.lock();
      try {
        waiting = true;
        // Checked again after `waiting` is set: a result stored before it was set is seen here.
        while ((result = slots.get(slot)) == null) {
          if (interruptible) {
            arrived.await();
          } else {
            arrived.awaitUninterruptibly();
          }
        }
      } finally {
        waiting = false;
        lock.unlock();
      }
    }
    slots.setRelease(slot, null);
    return result;
  }

  @Override
  void local(int index, Object result) {
    slots.set(index & mask, result);
  }

  @Override
  public void succeeded(int index, Object value) {
    slots.setRelease(index & mask, value == null ? NULL : value);
  }

  @Override
  public void failed(int index, RuntimeException failure) {
    slots.setRelease(index & mask, new Failed(failure));
  }

  @Override
  public void delivered() {
    // One fence for a run of results, rather than one a result: the stores above must not pass
    // the read of `waiting`, or a consumer that has just started to wait would not be woken.
    VarHandle.fullFence();
    if (waiting) {
      lock.lock();
      try {
        arrived.signal();
      } finally {
        lock.unlock();
      }
    }
  }
}

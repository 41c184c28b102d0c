package dev.subprocess.internal.pool;

import dev.subprocess.internal.process.Invocation;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/** The results of {@code imapUnordered}: each as soon as it is done. */
final class UnorderedResults<T, R> extends ResultIterator<T, R> {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  /** Guarded by lock. */
  private final ArrayDeque<Object> done = new ArrayDeque<>();
  private boolean waiting;

  UnorderedResults(
      PoolCore core, Iterator<? extends T> inputs, Function<? super T, ? extends Invocation<R>> function,
      int batchSize, int readAhead) {
    super(core, inputs, function, batchSize, readAhead);
  }

  @Override
  Object take(boolean interruptible) throws InterruptedException {
    lock.lock();
    try {
      waiting = true;
      while (done.isEmpty()) {
        if (interruptible) {
          arrived.await();
        } else {
          arrived.awaitUninterruptibly();
        }
      }
      return done.pollFirst();
    } finally {
      waiting = false;
      lock.unlock();
    }
  }

  @Override
  void local(int index, Object result) {
    add(result);
  }

  @Override
  public void succeeded(int index, Object value) {
    add(value == null ? NULL : value);
  }

  @Override
  public void failed(int index, RuntimeException failure) {
    add(new Failed(failure));
  }

  @Override
  public void delivered() {
    lock.lock();
    try {
      if (waiting) {
        arrived.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  private void add(Object result) {
    lock.lock();
    try {
      done.addLast(result);
    } finally {
      lock.unlock();
    }
  }
}

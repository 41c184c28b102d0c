package dev.subprocess;

import java.time.Duration;
import java.util.Optional;

/** SKELETON: to be implemented. Signatures are final. */
public final class Queue<E> implements AutoCloseable {
  public Queue() { throw new UnsupportedOperationException("not yet"); }
  public Queue(int capacity) { throw new UnsupportedOperationException("not yet"); }
  public void put(E element) throws InterruptedException { throw new UnsupportedOperationException(); }
  public boolean put(E element, Duration timeout) throws InterruptedException { throw new UnsupportedOperationException(); }
  public E get() throws InterruptedException { throw new UnsupportedOperationException(); }
  public Optional<E> get(Duration timeout) throws InterruptedException { throw new UnsupportedOperationException(); }
  public int size() { throw new UnsupportedOperationException(); }
  public boolean isEmpty() { throw new UnsupportedOperationException(); }
  @Override public void close() { throw new UnsupportedOperationException(); }
}

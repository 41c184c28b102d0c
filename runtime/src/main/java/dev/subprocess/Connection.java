package dev.subprocess;

import java.time.Duration;

/** SKELETON: to be implemented. Signatures are final. */
public final class Connection<E> implements AutoCloseable {
  private Connection() {}
  public void send(E message) throws InterruptedException { throw new UnsupportedOperationException(); }
  public E recv() throws InterruptedException { throw new UnsupportedOperationException(); }
  public boolean poll(Duration timeout) throws InterruptedException { throw new UnsupportedOperationException(); }
  @Override public void close() { throw new UnsupportedOperationException(); }
}

package dev.subprocess;

/** SKELETON: to be implemented. Signatures are final. */
public final class Pipe<E> {
  private Pipe() {}
  public static <E> Pipe<E> open() { throw new UnsupportedOperationException("not yet"); }
  public Connection<E> first() { throw new UnsupportedOperationException(); }
  public Connection<E> second() { throw new UnsupportedOperationException(); }
}

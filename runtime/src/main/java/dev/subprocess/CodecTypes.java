package dev.subprocess;

import java.lang.invoke.MethodHandles;

/**
 * What the API adds to the codec, which knows none of its types: the handle types ({@link Queue},
 * {@link Connection}) and {@link RemoteException}, the exception that stands for a failure in
 * another JVM. Each registers itself from its own class's initializer; this class only makes sure
 * those have run.
 *
 * <p>The codec initializes this class by name the first time it meets a handle's tag or class
 * that it does not know: a child reads its arguments before any of its code has touched {@code
 * Queue}. A new handle type of this package registers itself as {@code Queue} does, and is added
 * to {@link #TYPES}.
 *
 * <p>None of those initializers touches this class, so that two threads initializing this class
 * and one of them cannot wait on each other.
 */
final class CodecTypes {
  /** The classes whose initializers register with the codec. */
  private static final Class<?>[] TYPES = {Queue.class, Connection.class, RemoteException.class};

  static {
    registerAll();
  }

  private CodecTypes() {}

  /** Makes sure that every handle type and the remote exception are registered. Idempotent. */
  static void registerAll() {
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    try {
      for (Class<?> type : TYPES) {
        lookup.ensureInitialized(type);
      }
    } catch (IllegalAccessException e) {
      throw new AssertionError("a class of its own package is not accessible", e);
    }
  }
}

package dev.subprocess.internal.queue;

import dev.subprocess.Queue;

/**
 * How the runtime reaches into {@link Queue} without a public member that would show users an
 * internal type, as the JDK's {@code SharedSecrets} do: {@code Queue}'s static initializer
 * registers an instance of a private subclass here.
 */
public abstract class QueueAccess {
  private static volatile QueueAccess access;

  protected QueueAccess() {}

  /** Called once, by {@code Queue}'s static initializer. */
  public static void register(QueueAccess instance) {
    access = instance;
  }

  static QueueAccess get() {
    QueueAccess a = access;
    if (a == null) {
      // A JVM may read a handle before it has touched Queue: run its initializer now.
      try {
        Class.forName(Queue.class.getName(), true, Queue.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new AssertionError(e);
      }
      a = access;
    }
    return a;
  }

  /** The endpoint behind a queue. */
  public abstract QueueEndpoint endpoint(Queue<?> queue);

  /** A queue in front of an endpoint. */
  public abstract Queue<?> wrap(QueueEndpoint endpoint);
}

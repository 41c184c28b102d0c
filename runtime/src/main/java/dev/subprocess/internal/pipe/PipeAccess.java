package dev.subprocess.internal.pipe;

import dev.subprocess.Connection;

/**
 * How the runtime reaches into {@link Connection} without a public member that would show users
 * an internal type, as the JDK's {@code SharedSecrets} do: {@code Connection}'s static initializer
 * registers an instance of a private subclass here.
 */
public abstract class PipeAccess {
  private static volatile PipeAccess access;

  protected PipeAccess() {}

  /** Called once, by {@code Connection}'s static initializer. */
  public static void register(PipeAccess instance) {
    access = instance;
  }

  static PipeAccess get() {
    PipeAccess a = access;
    if (a == null) {
      // A JVM may read a handle before it has touched Connection: run its initializer now.
      try {
        Class.forName(Connection.class.getName(), true, Connection.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new AssertionError(e);
      }
      a = access;
    }
    return a;
  }

  /** Opens a pipe hosted by this JVM: its two ends, first and second. */
  public static PipeEndpoint[] open() {
    return PipeCore.open();
  }

  /** A connection in front of an end; for {@code Pipe.open()}. */
  public static Connection<?> connection(PipeEndpoint endpoint) {
    return get().wrap(endpoint);
  }

  /** The end behind a connection. */
  public abstract PipeEndpoint endpoint(Connection<?> connection);

  /** A connection in front of an end. */
  public abstract Connection<?> wrap(PipeEndpoint endpoint);
}

package dev.subprocess.internal.hub;

import java.nio.file.Path;

/**
 * The socket of this JVM's {@link Hub} while it listens, apart from the hub itself: a JVM that
 * reads a handle can tell that it is not the handle's host without loading the hub's classes.
 */
public final class HubAddress {
  private static volatile Path current;

  private HubAddress() {}

  /**
   * Whether {@code capability} names this JVM's hub, listening now; then {@link Hub#local} says
   * whether it is a true one.
   */
  public static boolean isLocal(Capability capability) {
    Path p = current;
    return p != null && p.equals(capability.address().path());
  }

  static void set(Path path) {
    current = path;
  }
}

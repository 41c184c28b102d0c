package dev.subprocess.internal.handle;

import dev.subprocess.internal.channel.Address;

/**
 * The address of this JVM's {@link Hub} while it listens, apart from the hub itself: a JVM that
 * reads a handle can tell that it is not the handle's host without loading the hub's classes.
 */
public final class HubAddress {
  private static volatile Address current;

  private HubAddress() {}

  /** Whether {@code address} is this JVM's hub, listening now. */
  public static boolean isLocal(Address address) {
    Address a = current;
    return a != null && a.equals(address);
  }

  static void set(Address address) {
    current = address;
  }
}

package dev.subprocess.internal.channel;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.UserPrincipal;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Who is at the other end of a Unix domain socket, as the kernel tells it ({@code SO_PEERCRED}:
 * the user the peer ran as when it connected, or when it listened). A client checks it before it
 * says a word: a listener of another user is refused whatever it answers.
 *
 * <p>The JDK gives the peer's user and group, not its pid: that the listener is the process an
 * address names is what the {@link Handshake} proves instead (only it knows the key).
 *
 * <p>Thread-safe.
 */
final class PeerCredentials {
  private PeerCredentials() {}

  /**
   * Checks that the listener at the other end of {@code channel} runs as this process's user.
   *
   * @throws IOException if it runs as another
   */
  static void checkListener(SocketChannel channel, Address address) throws IOException {
    UserPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user();
    if (!isThisProcessUser(peer)) {
      throw new IOException(
          "the listener at " + address + " runs as user " + peer.getName()
              + ", not as this process's user: refused");
    }
  }

  /** Whether {@code user} is the one this process runs as. */
  static boolean isThisProcessUser(UserPrincipal user) {
    return Self.is(user);
  }

  /** The user of the listener's peer, for the listener's own check. */
  static UserPrincipal peer(SocketChannel channel) throws IOException {
    UnixDomainPrincipal principal = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
    return principal.user();
  }

  /** This process's user, looked up once; a holder class so that listeners never load it. */
  private static final class Self {
    private static final UserPrincipal BY_PROC = byProc();
    private static volatile UserPrincipal byName;

    /**
     * Whether {@code user} is this process's. Principals compare by uid. The owner of {@code
     * /proc/self} is this process's effective uid on Linux (root for a process made
     * non-dumpable, which a JVM is not); elsewhere, the user that {@code user.name} names.
     */
    static boolean is(UserPrincipal user) {
      if (BY_PROC != null && user.equals(BY_PROC)) {
        return true;
      }
      UserPrincipal name = byName;
      if (name == null) {
        try {
          name =
              FileSystems.getDefault()
                  .getUserPrincipalLookupService()
                  .lookupPrincipalByName(System.getProperty("user.name"));
        } catch (IOException | UnsupportedOperationException e) {
          // No such user: nothing matches it.
          return false;
        }
        byName = name;
      }
      return user.equals(name);
    }

    private static UserPrincipal byProc() {
      Path self = Paths.get("/proc/self");
      try {
        return Files.getOwner(self);
      } catch (IOException | UnsupportedOperationException e) {
        return null;
      }
    }
  }
}

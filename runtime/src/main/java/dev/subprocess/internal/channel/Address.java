package dev.subprocess.internal.channel;

import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * Where a {@link Listener} is, and the secret that lets a client in. Whoever holds an address can
 * connect, so an address travels only where the runtime puts it: in a child's bootstrap, inside a
 * handle, never on a command line nor in an environment. {@link #toString()} leaves the secret out.
 *
 * <p>Immutable.
 */
public final class Address {
  static final int SECRET_LENGTH = 32;

  private final Path path;
  private final byte[] secret;

  Address(Path path, byte[] secret) {
    if (secret.length != SECRET_LENGTH) {
      throw new IllegalArgumentException("a secret has " + SECRET_LENGTH + " bytes");
    }
    this.path = path;
    this.secret = secret.clone();
  }

  /** The socket file. */
  public Path path() {
    return path;
  }

  /** Writes the address, secret included: {@code string path, bytes secret}. */
  public void writeTo(WireOutput out) {
    out.writeString(path.toString());
    out.writeBytes(secret);
  }

  /**
   * Reads what {@link #writeTo} wrote.
   *
   * @throws MalformedMessageException if it is not an address
   */
  public static Address readFrom(WireInput in) {
    int at = in.position();
    String path = in.readString();
    byte[] secret = in.readBytes();
    if (path.isEmpty() || secret.length != SECRET_LENGTH) {
      throw new MalformedMessageException("not a link address", at);
    }
    return new Address(Paths.get(path), secret);
  }

  byte[] secret() {
    return secret;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address
        && ((Address) o).path.equals(path)
        && Arrays.equals(((Address) o).secret, secret);
  }

  @Override
  public int hashCode() {
    return path.hashCode();
  }

  @Override
  public String toString() {
    return path.toString();
  }
}

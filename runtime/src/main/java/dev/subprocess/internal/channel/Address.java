package dev.subprocess.internal.channel;

import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Where a {@link Listener} is, and the key that opens one door of it: the socket's path, the id of
 * a key the listener knows, and the key itself. The {@link Handshake} proves both ways that each
 * side knows that key. Whoever holds an address can connect, so an address travels only where the
 * runtime puts it: in a child's bootstrap, inside a handle, never on a command line nor in an
 * environment. {@link #toString()} leaves the key out.
 *
 * <p>Immutable.
 */
public final class Address {
  static final int KEY_LENGTH = 32;
  /** A key id is the listener's business; this bounds what a client makes it read. */
  static final int MAX_KEY_ID_LENGTH = 64;

  private final Path path;
  private final byte[] keyId;
  private final byte[] key;

  Address(Path path, byte[] keyId, byte[] key) {
    if (key.length != KEY_LENGTH) {
      throw new IllegalArgumentException("a key has " + KEY_LENGTH + " bytes");
    }
    if (keyId.length > MAX_KEY_ID_LENGTH) {
      throw new IllegalArgumentException("a key id has at most " + MAX_KEY_ID_LENGTH + " bytes");
    }
    this.path = path;
    this.keyId = keyId.clone();
    this.key = key.clone();
  }

  /** The socket file. */
  public Path path() {
    return path;
  }

  /** Which of the listener's keys this address holds; a copy. */
  public byte[] keyId() {
    return keyId.clone();
  }

  /** Whether this address holds {@code key} under {@code keyId}; in constant time. */
  public boolean holds(byte[] keyId, byte[] key) {
    // Constant time: how much of a forged key matched must not show in how long it took.
    return Arrays.equals(this.keyId, keyId) && MessageDigest.isEqual(this.key, key);
  }

  /** Writes the address, key included: {@code string path, bytes keyId, bytes key}. */
  public void writeTo(WireOutput out) {
    out.writeString(path.toString());
    out.writeBytes(keyId);
    out.writeBytes(key);
  }

  /**
   * Reads what {@link #writeTo} wrote.
   *
   * @throws MalformedMessageException if it is not an address
   */
  public static Address readFrom(WireInput in) {
    int at = in.position();
    String path = in.readString();
    byte[] keyId = in.readBytes();
    byte[] key = in.readBytes();
    if (path.isEmpty() || key.length != KEY_LENGTH || keyId.length > MAX_KEY_ID_LENGTH) {
      throw new MalformedMessageException("not a link address", at);
    }
    return new Address(Paths.get(path), keyId, key);
  }

  byte[] key() {
    return key;
  }

  byte[] rawKeyId() {
    return keyId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address
        && ((Address) o).path.equals(path)
        && ((Address) o).holds(keyId, key);
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + Arrays.hashCode(keyId);
  }

  @Override
  public String toString() {
    return path.toString();
  }
}

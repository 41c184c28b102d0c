package dev.subprocess.internal.channel;

import java.nio.charset.StandardCharsets;

/**
 * Keys derived from one random secret that never leaves this JVM: the key of a key id {@code k}
 * is {@code HMAC-SHA256(secret, LABEL || k)}. A listener that serves many objects gives each one
 * its own key this way, and keeps no table of them: an address holds the key of its own id only,
 * and nobody can derive another id's key from it.
 *
 * <p>Immutable; safe for use by several threads.
 */
public final class KeyRing {
  private static final byte[] LABEL =
      "dev.subprocess key ring 1".getBytes(StandardCharsets.US_ASCII);

  private final byte[] secret;

  private KeyRing(byte[] secret) {
    this.secret = secret;
  }

  /** A ring of a fresh random secret. */
  public static KeyRing random() {
    return new KeyRing(Handshake.randomBytes(Address.KEY_LENGTH));
  }

  /** The key of {@code keyId}. */
  public byte[] key(byte[] keyId) {
    byte[] message = new byte[LABEL.length + keyId.length];
    System.arraycopy(LABEL, 0, message, 0, LABEL.length);
    System.arraycopy(keyId, 0, message, LABEL.length, keyId.length);
    return HmacSha256.mac(secret, message);
  }
}

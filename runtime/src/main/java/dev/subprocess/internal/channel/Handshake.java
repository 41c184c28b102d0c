package dev.subprocess.internal.channel;

import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * How a client and a {@link Listener} prove to each other that they know the key an {@link
 * Address} names, without sending it. Four frames:
 *
 * <pre>
 * client -> listener  offer:   int MAGIC, byte VERSION, bytes keyId, byte[32] clientNonce
 * listener -> client  proof:   byte[32] listenerNonce, byte[32] mac(LISTENER)
 * client -> listener  proof:   byte[32] mac(CLIENT), then the hello
 * listener -> client  verdict: byte ACCEPTED
 *
 * mac(role) = HMAC-SHA256(key, LABEL || role || byte keyId.length || keyId
 *                              || clientNonce || listenerNonce)
 * </pre>
 *
 * <p>Each side draws a fresh nonce, so that no proof can be replayed, and each proof names the
 * role of who makes it, so that neither side's proof can be reflected as the other's. The client
 * says nothing of its hello until the listener has proved it knows the key: a listener that does
 * not (another process at the same path, once the real one has ended) learns nothing but a
 * nonce. A listener that does not know the key id, or a client whose proof is wrong, is
 * disconnected at once. Each side gives the whole exchange {@link Link#HANDSHAKE_TIMEOUT_NANOS}
 * (the listener, what it is told), however slowly the other side sends.
 *
 * <p>Stateless; safe for use by several threads.
 */
final class Handshake {
  /**
   * No frame a client sends during a handshake is larger: it bounds what a client can make the
   * listener allocate. The hello is part of a frame.
   */
  static final int MAX_CLIENT_FRAME = 1024 * 1024;

  /** No frame a listener sends during a handshake is larger: the proof is 64 bytes. */
  static final int MAX_LISTENER_FRAME = 256;

  /** No offer is larger: a key id is at most {@value Address#MAX_KEY_ID_LENGTH} bytes. */
  static final int MAX_OFFER_FRAME = 256;

  static final int MAGIC = 0x5355424C; // "SUBL"
  static final byte VERSION = 2;
  static final byte ACCEPTED = 'A';
  static final int NONCE_LENGTH = 32;
  static final byte LISTENER = 'L';
  static final byte CLIENT = 'C';
  private static final byte[] LABEL = "dev.subprocess link 2".getBytes(StandardCharsets.US_ASCII);

  private static final SecureRandom RANDOM = new SecureRandom();

  private Handshake() {}

  static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /**
   * The listener's side.
   *
   * @return the client's hello, or null if the client named no key of {@code keys} or failed to
   *     prove it knows it; the link's {@link Link#keyId()} is set when the hello is returned
   * @throws IOException if the client went away or did not finish within {@code timeoutNanos}
   */
  static WireInput accept(Link link, Listener.Keys keys, long timeoutNanos) throws IOException {
    long deadline = System.nanoTime() + timeoutNanos;
    link.maxFrameLength(MAX_OFFER_FRAME);
    WireInput offer = receive(link, deadline);
    if (offer.readInt() != MAGIC || offer.readByte() != VERSION) {
      return null;
    }
    byte[] keyId = offer.readBytes();
    byte[] clientNonce = new byte[NONCE_LENGTH];
    offer.readRaw(clientNonce, 0, NONCE_LENGTH);
    offer.expectEnd();
    byte[] key = keyId.length <= Address.MAX_KEY_ID_LENGTH ? keys.key(keyId) : null;
    if (key == null) {
      return null;
    }
    byte[] listenerNonce = randomBytes(NONCE_LENGTH);
    WireOutput proof = new WireOutput(2 * NONCE_LENGTH);
    proof.writeRaw(listenerNonce, 0, NONCE_LENGTH);
    proof.writeRaw(mac(LISTENER, key, keyId, clientNonce, listenerNonce), 0, HmacSha256.LENGTH);
    link.send(proof);

    link.maxFrameLength(MAX_CLIENT_FRAME);
    WireInput response = receive(link, deadline);
    if (response.remaining() < HmacSha256.LENGTH) {
      return null;
    }
    byte[] clientProof = new byte[HmacSha256.LENGTH];
    response.readRaw(clientProof, 0, clientProof.length);
    // Constant time: how much of a guess matched must not show in how long it took to refuse it.
    if (!MessageDigest.isEqual(clientProof, mac(CLIENT, key, keyId, clientNonce, listenerNonce))) {
      return null;
    }
    WireOutput verdict = new WireOutput(1);
    verdict.writeByte(ACCEPTED);
    link.send(verdict);
    link.keyId(keyId);
    return response;
  }

  /**
   * The client's side: offers, checks the listener's proof, then proves and sends the hello.
   *
   * @throws IOException if the listener could not prove it knows the key, refused the client, or
   *     did not answer in time
   */
  static void connect(Link link, Address address, WireOutput hello, long timeoutNanos)
      throws IOException {
    long deadline = System.nanoTime() + timeoutNanos;
    byte[] keyId = address.rawKeyId();
    byte[] clientNonce = randomBytes(NONCE_LENGTH);
    WireOutput offer = new WireOutput(16 + keyId.length + NONCE_LENGTH);
    offer.writeInt(MAGIC);
    offer.writeByte(VERSION);
    offer.writeBytes(keyId);
    offer.writeRaw(clientNonce, 0, NONCE_LENGTH);
    link.send(offer);

    WireInput proof;
    try {
      proof = receive(link, deadline);
    } catch (EOFException e) {
      throw refused(address, e);
    }
    byte[] listenerNonce = new byte[NONCE_LENGTH];
    byte[] listenerProof = new byte[HmacSha256.LENGTH];
    if (proof.remaining() != NONCE_LENGTH + HmacSha256.LENGTH) {
      throw unproven(address);
    }
    proof.readRaw(listenerNonce, 0, NONCE_LENGTH);
    proof.readRaw(listenerProof, 0, HmacSha256.LENGTH);
    // The role in the mac already makes a reflected proof fail; an echoed nonce is refused
    // outright, as no honest listener draws the client's own nonce.
    if (Arrays.equals(listenerNonce, clientNonce)
        || !MessageDigest.isEqual(
            listenerProof, mac(LISTENER, address.key(), keyId, clientNonce, listenerNonce))) {
      throw unproven(address);
    }

    WireOutput response = new WireOutput(HmacSha256.LENGTH + hello.size());
    response.writeRaw(
        mac(CLIENT, address.key(), keyId, clientNonce, listenerNonce), 0, HmacSha256.LENGTH);
    response.writeRaw(hello.array(), 0, hello.size());
    link.send(response);

    WireInput verdict;
    try {
      verdict = receive(link, deadline);
    } catch (EOFException e) {
      throw refused(address, e);
    }
    if (verdict.remaining() != 1 || verdict.readByte() != ACCEPTED) {
      throw refused(address, null);
    }
    link.keyId(keyId);
  }

  /** The mac of {@code role} over the exchange; see the class comment. */
  static byte[] mac(byte role, byte[] key, byte[] keyId, byte[] clientNonce, byte[] listenerNonce) {
    byte[] message = new byte[LABEL.length + 2 + keyId.length + 2 * NONCE_LENGTH];
    int at = 0;
    System.arraycopy(LABEL, 0, message, at, LABEL.length);
    at += LABEL.length;
    message[at++] = role;
    message[at++] = (byte) keyId.length;
    System.arraycopy(keyId, 0, message, at, keyId.length);
    at += keyId.length;
    System.arraycopy(clientNonce, 0, message, at, NONCE_LENGTH);
    at += NONCE_LENGTH;
    System.arraycopy(listenerNonce, 0, message, at, NONCE_LENGTH);
    return HmacSha256.mac(key, message);
  }

  /** The next frame before the deadline. */
  private static WireInput receive(Link link, long deadline) throws IOException {
    long left = deadline - System.nanoTime();
    WireInput frame = left > 0 ? link.receive(left, TimeUnit.NANOSECONDS) : null;
    if (frame == null) {
      throw new IOException("the peer did not finish the handshake in time");
    }
    return frame;
  }

  private static IOException unproven(Address address) {
    return new IOException(
        "the listener at " + address + " could not prove that it knows the address's key: it is"
            + " not the process that the address names, or the key is wrong; refused");
  }

  private static IOException refused(Address address, Throwable cause) {
    return new IOException(
        "the listener at " + address + " refused the link: an unknown or wrong key", cause);
  }
}

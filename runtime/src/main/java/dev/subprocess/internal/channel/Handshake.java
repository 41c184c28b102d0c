package dev.subprocess.internal.channel;

import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * How a client proves to a {@link Listener} that it knows the listener's secret, without sending
 * the secret. Three frames:
 *
 * <pre>
 * listener -> client  challenge: int MAGIC, byte VERSION, byte[32] nonce (fresh for each client)
 * client -> listener  response:  byte[32] HMAC-SHA256(secret, LABEL + nonce), then the hello
 * listener -> client  verdict:   byte ACCEPTED; a refused client is disconnected instead
 * </pre>
 */
final class Handshake {
  /** No handshake frame is larger: it bounds what a client can make the listener allocate. */
  static final int MAX_HANDSHAKE_FRAME = 1024 * 1024;

  static final int MAGIC = 0x5355424C; // "SUBL"
  static final byte VERSION = 1;
  static final byte ACCEPTED = 'A';
  static final int NONCE_LENGTH = 32;
  private static final byte[] LABEL = "dev.subprocess link 1".getBytes(StandardCharsets.US_ASCII);

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
   * @return the client's hello, or null if the client failed to prove it knows the secret
   * @throws IOException if the client went away or did not answer within {@code timeoutNanos}
   */
  static WireInput accept(Link link, byte[] secret, long timeoutNanos) throws IOException {
    byte[] nonce = randomBytes(NONCE_LENGTH);
    WireOutput challenge = new WireOutput(8 + NONCE_LENGTH);
    challenge.writeInt(MAGIC);
    challenge.writeByte(VERSION);
    challenge.writeRaw(nonce, 0, NONCE_LENGTH);
    link.send(challenge);

    WireInput response = link.receive(timeoutNanos, TimeUnit.NANOSECONDS);
    if (response == null) {
      throw new IOException("the client did not answer the challenge in time");
    }
    if (response.remaining() < HmacSha256.LENGTH) {
      return null;
    }
    byte[] proof = new byte[HmacSha256.LENGTH];
    response.readRaw(proof, 0, proof.length);
    // Constant time: how much of a guess matched must not show in how long it took to refuse it.
    if (!MessageDigest.isEqual(proof, proof(secret, nonce))) {
      return null;
    }
    WireOutput verdict = new WireOutput(1);
    verdict.writeByte(ACCEPTED);
    link.send(verdict);
    return response;
  }

  /** The client's side: answers the challenge with the proof and the hello. */
  static void connect(Link link, Address address, WireOutput hello) throws IOException {
    WireInput challenge = link.receive(Link.HANDSHAKE_TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
    if (challenge == null) {
      throw new IOException("the listener at " + address + " did not send its challenge in time");
    }
    byte[] nonce = new byte[NONCE_LENGTH];
    try {
      if (challenge.readInt() != MAGIC || challenge.readByte() != VERSION) {
        throw new IOException(address + " is not a dev.subprocess listener of this version");
      }
      challenge.readRaw(nonce, 0, NONCE_LENGTH);
    } catch (MalformedMessageException e) {
      throw new IOException(address + " sent a malformed challenge", e);
    }
    WireOutput response = new WireOutput(HmacSha256.LENGTH + hello.size());
    response.writeRaw(proof(address.secret(), nonce), 0, HmacSha256.LENGTH);
    response.writeRaw(hello.array(), 0, hello.size());
    link.send(response);

    WireInput verdict;
    try {
      verdict = link.receive(Link.HANDSHAKE_TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
    } catch (java.io.EOFException e) {
      throw refused(address, e);
    }
    if (verdict == null) {
      throw new IOException("the listener at " + address + " did not answer in time");
    }
    if (verdict.remaining() != 1 || verdict.readByte() != ACCEPTED) {
      throw refused(address, null);
    }
  }

  static byte[] proof(byte[] secret, byte[] nonce) {
    byte[] message = new byte[LABEL.length + nonce.length];
    System.arraycopy(LABEL, 0, message, 0, LABEL.length);
    System.arraycopy(nonce, 0, message, LABEL.length, nonce.length);
    return HmacSha256.mac(secret, message);
  }

  private static IOException refused(Address address, Throwable cause) {
    return new IOException(
        "the listener at " + address + " refused the link: a wrong secret, or another user",
        cause);
  }
}

package dev.subprocess.internal.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Both sides of the handshake prove they know the key; neither trusts the other before. */
@Timeout(30)
class HandshakeTest {
  private static final byte[] KEY_ID = "object 7".getBytes(StandardCharsets.US_ASCII);
  private static final String HELLO = "the hello, which only the true listener may read";

  private final List<AutoCloseable> closeAfter = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeAfter) {
      c.close();
    }
  }

  private static WireOutput hello() {
    WireOutput out = new WireOutput();
    out.writeString(HELLO);
    return out;
  }

  /** The client's offer, parsed: its key id and nonce. */
  private record Offer(byte[] keyId, byte[] nonce) {
    static Offer parse(byte[] frame) {
      WireInput in = new WireInput(frame);
      assertEquals(Handshake.MAGIC, in.readInt());
      assertEquals(Handshake.VERSION, in.readByte());
      byte[] keyId = in.readBytes();
      byte[] nonce = new byte[Handshake.NONCE_LENGTH];
      in.readRaw(nonce, 0, nonce.length);
      in.expectEnd();
      return new Offer(keyId, nonce);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private FakeListener fake(FakeListener.Script script) throws IOException {
    FakeListener fake = new FakeListener(script);
    closeAfter.add(fake);
    return fake;
  }

  private static byte[] accepted() {
    return new byte[] {Handshake.ACCEPTED};
  }

  @Test
  void aListenerThatDoesNotKnowTheKey_isRefusedByTheClient_beforeTheHello() throws Exception {
    byte[] key = Handshake.randomBytes(Address.KEY_LENGTH);
    // It speaks the protocol, accepts anyone, and guesses a proof.
    FakeListener impostor =
        fake(
            (i, frame) ->
                i == 0
                    ? Handshake.randomBytes(Handshake.NONCE_LENGTH + HmacSha256.LENGTH)
                    : accepted());
    Address address = new Address(impostor.path, KEY_ID, key);

    IOException refused = assertThrows(IOException.class, () -> Link.connect(address, hello()));
    assertTrue(
        refused.getMessage().contains("could not prove that it knows the address's key"),
        refused.getMessage());
    impostor.awaitEnd();
    assertEquals(1, impostor.received.size(), "the client said more than its offer");
    assertFalse(new String(impostor.received.get(0), StandardCharsets.ISO_8859_1).contains(HELLO));
  }

  @Test
  void aListenerThatReflectsTheClientsChallenge_isRefused() throws Exception {
    byte[] key = Handshake.randomBytes(Address.KEY_LENGTH);
    // The client's own nonce back as the listener's, and again where the proof goes.
    FakeListener reflector =
        fake(
            (i, frame) -> {
              if (i > 0) {
                return accepted();
              }
              byte[] nonce = Offer.parse(frame).nonce();
              return concat(nonce, nonce);
            });
    Address address = new Address(reflector.path, KEY_ID, key);
    IOException refused = assertThrows(IOException.class, () -> Link.connect(address, hello()));
    assertTrue(refused.getMessage().contains("could not prove"), refused.getMessage());
  }

  @Test
  void aListenerThatReplaysATrueListenersProof_isRefused() throws Exception {
    // A true listener's proof, recorded from an exchange with a client of a fixed nonce.
    byte[] key = Handshake.randomBytes(Address.KEY_LENGTH);
    Listener real =
        Listener.open(
            "real", id -> id.length == KEY_ID.length ? key : null, (link, hello) -> link.close(),
            Link.HANDSHAKE_TIMEOUT_NANOS, null);
    closeAfter.add(real);
    byte[] recorded;
    try (java.nio.channels.SocketChannel raw =
        java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      raw.connect(java.net.UnixDomainSocketAddress.of(real.path()));
      WireOutput offer = new WireOutput();
      offer.writeInt(Handshake.MAGIC);
      offer.writeByte(Handshake.VERSION);
      offer.writeBytes(KEY_ID);
      offer.writeRaw(new byte[Handshake.NONCE_LENGTH], 0, Handshake.NONCE_LENGTH);
      FakeListener.writeFrame(raw, offer.toByteArray());
      recorded = FakeListener.readFrame(raw);
    }

    FakeListener replayer = fake((i, frame) -> i == 0 ? recorded : accepted());
    Address address = new Address(replayer.path, KEY_ID, key);
    IOException refused = assertThrows(IOException.class, () -> Link.connect(address, hello()));
    assertTrue(refused.getMessage().contains("could not prove"), refused.getMessage());
  }

  @Test
  void aListenerThatKnowsTheKey_isAccepted_andGetsTheHello() throws Exception {
    byte[] key = Handshake.randomBytes(Address.KEY_LENGTH);
    BlockingQueue<Boolean> clientProved = new LinkedBlockingQueue<>();
    byte[][] nonces = new byte[2][];
    // Written from the protocol, not with the listener's code.
    FakeListener honest =
        fake(
            (i, frame) -> {
              if (i == 0) {
                Offer offer = Offer.parse(frame);
                assertArrayEquals(KEY_ID, offer.keyId());
                nonces[0] = offer.nonce();
                nonces[1] = Handshake.randomBytes(Handshake.NONCE_LENGTH);
                return concat(
                    nonces[1], Handshake.mac(Handshake.LISTENER, key, KEY_ID, nonces[0], nonces[1]));
              }
              byte[] proof = java.util.Arrays.copyOf(frame, HmacSha256.LENGTH);
              clientProved.add(
                  java.util.Arrays.equals(
                      proof, Handshake.mac(Handshake.CLIENT, key, KEY_ID, nonces[0], nonces[1])));
              return i == 1 ? accepted() : null;
            });
    Link link = Link.connect(new Address(honest.path, KEY_ID, key), hello());
    closeAfter.add(link);
    assertTrue(clientProved.poll(10, TimeUnit.SECONDS));
    assertArrayEquals(KEY_ID, link.keyId());
    byte[] second = honest.received.get(1);
    WireInput helloRead = new WireInput(second);
    helloRead.readRaw(new byte[HmacSha256.LENGTH], 0, HmacSha256.LENGTH);
    assertEquals(HELLO, helloRead.readString());
  }

  @Test
  void eachProofNamesItsRole() {
    byte[] key = Handshake.randomBytes(Address.KEY_LENGTH);
    byte[] a = Handshake.randomBytes(Handshake.NONCE_LENGTH);
    byte[] b = Handshake.randomBytes(Handshake.NONCE_LENGTH);
    assertFalse(
        java.util.Arrays.equals(
            Handshake.mac(Handshake.LISTENER, key, KEY_ID, a, b),
            Handshake.mac(Handshake.CLIENT, key, KEY_ID, a, b)));
    assertFalse(
        java.util.Arrays.equals(
            Handshake.mac(Handshake.LISTENER, key, KEY_ID, a, b),
            Handshake.mac(Handshake.CLIENT, key, KEY_ID, b, a)));
  }

  @Test
  void aKeyOpensItsOwnIdOnly() throws Exception {
    KeyRing ring = KeyRing.random();
    BlockingQueue<String> reached = new LinkedBlockingQueue<>();
    Listener listener =
        Listener.open(
            "ring",
            id -> id.length == 1 ? ring.key(id) : null,
            (link, hello) -> {
              reached.add(new String(link.keyId(), StandardCharsets.US_ASCII));
              link.close();
            });
    closeAfter.add(listener);
    Address a = listener.address(new byte[] {'a'});
    Address b = listener.address(new byte[] {'b'});
    assertFalse(java.util.Arrays.equals(a.key(), b.key()));

    // A's key under B's id, and B's id with a key of A's: both refused.
    Address forged = new Address(a.path(), new byte[] {'b'}, a.key());
    IOException refused = assertThrows(IOException.class, () -> Link.connect(forged, hello()));
    assertTrue(refused.getMessage().contains("could not prove"), refused.getMessage());
    Address unknown = new Address(a.path(), new byte[] {'c', 'd'}, a.key());
    assertThrows(IOException.class, () -> Link.connect(unknown, hello()));

    Link.connect(a, hello()).close();
    assertEquals("a", reached.poll(10, TimeUnit.SECONDS));
    assertTrue(reached.isEmpty());
  }

  @Test
  void thisProcessUser_isKnown_andAnotherIsNot() throws Exception {
    java.nio.file.Path mine = Files.createTempFile("owner", ".tmp");
    UserPrincipal me;
    try {
      me = Files.getOwner(mine);
    } finally {
      Files.delete(mine);
    }
    assertTrue(PeerCredentials.isThisProcessUser(me));
    UserPrincipal root =
        java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService()
            .lookupPrincipalByName("root");
    assertEquals(me.equals(root), PeerCredentials.isThisProcessUser(root));
  }
}

package dev.subprocess.internal.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The listener's handshake, and links end to end within this JVM. */
@Timeout(30)
class ListenerTest {
  private final List<AutoCloseable> closeAfter = new ArrayList<>();
  /** Server-side links, with their hello, in the order they were accepted. */
  private final BlockingQueue<Accepted> accepted = new LinkedBlockingQueue<>();

  private record Accepted(Link link, String hello) {}

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeAfter) {
      c.close();
    }
  }

  private Listener listener() throws IOException {
    return listener(Link.HANDSHAKE_TIMEOUT_NANOS);
  }

  private Listener listener(long handshakeTimeoutNanos) throws IOException {
    Listener listener =
        Listener.open(
            "test",
            Listener.singleKey(),
            (link, hello) -> {
              closeAfter.add(link);
              accepted.add(new Accepted(link, hello.readString()));
            },
            handshakeTimeoutNanos,
            null);
    closeAfter.add(listener);
    return listener;
  }

  private Link connect(Address address, String hello) throws IOException {
    Link link = Link.connect(address, string(hello));
    closeAfter.add(link);
    return link;
  }

  private static WireOutput string(String s) {
    WireOutput out = new WireOutput();
    out.writeString(s);
    return out;
  }

  private Accepted next() throws InterruptedException {
    Accepted a = accepted.poll(10, TimeUnit.SECONDS);
    if (a == null) {
      throw new AssertionError("no link was accepted");
    }
    return a;
  }

  @Test
  void framesTravelBothWaysAfterTheHello() throws Exception {
    Listener listener = listener();
    Link client = connect(listener.address(), "hello");
    Accepted server = next();
    assertEquals("hello", server.hello());

    client.send(string("ping"));
    assertEquals("ping", server.link().receive().readString());
    server.link().send(string("pong"));
    assertEquals("pong", client.receive().readString());
  }

  @Test
  void socketIsPrivateAndRemovedOnClose() throws Exception {
    Listener listener = listener();
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(listener.address().path())));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(listener.address().path().getParent())));
    listener.close();
    assertFalse(Files.exists(listener.address().path()));
    assertThrows(IOException.class, () -> Link.connect(listener.address(), string("late")));
  }

  @Test
  void addressTravelsWithItsKey() throws Exception {
    Listener listener = listener();
    WireOutput out = new WireOutput();
    listener.address().writeTo(out);
    Address read = Address.readFrom(new WireInput(out.toByteArray()));
    assertEquals(listener.address(), read);
    assertFalse(read.toString().contains(new String(read.key(), "ISO-8859-1")));
    connect(read, "via a copy");
    assertEquals("via a copy", next().hello());
  }

  @Test
  void wrongKeyIsRefusedAndTheListenerGoesOn() throws Exception {
    Listener listener = listener();
    byte[] wrong = listener.address().key().clone();
    wrong[0] ^= 1;
    Address forged = new Address(listener.address().path(), new byte[0], wrong);
    IOException refused =
        assertThrows(IOException.class, () -> Link.connect(forged, string("intruder")));
    assertTrue(refused.getMessage().contains("key is wrong"), refused.getMessage());
    connect(listener.address(), "friend");
    assertEquals("friend", next().hello());
    assertTrue(accepted.isEmpty());
  }

  @Test
  void malformedResponseIsDroppedAndTheListenerGoesOn() throws Exception {
    Listener listener = listener();
    try (SocketChannel raw = rawConnect(listener)) {
      writeFrame(raw, new byte[] {1, 2, 3}); // shorter than an offer
      assertEquals(-1, readToEnd(raw));
    }
    connect(listener.address(), "after garbage");
    assertEquals("after garbage", next().hello());
  }

  @Test
  void oversizedHandshakeFrameIsDropped() throws Exception {
    Listener listener = listener();
    try (SocketChannel raw = rawConnect(listener)) {
      ByteBuffer header = ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).flip();
      raw.write(header);
      assertEquals(-1, readToEnd(raw));
    }
    connect(listener.address(), "after a giant");
    assertEquals("after a giant", next().hello());
  }

  @Test
  void anOfferLargerThanAnyTrueOne_isDropped() throws Exception {
    Listener listener = listener();
    try (SocketChannel raw = rawConnect(listener)) {
      // Well under the limit of the hello's frame, but no offer is this large: the listener
      // drops the client at its header, without waiting for the body.
      long start = System.nanoTime();
      raw.write(ByteBuffer.allocate(4).putInt(Handshake.MAX_OFFER_FRAME + 1).flip());
      assertEquals(-1, readToEnd(raw));
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    }
    connect(listener.address(), "after a long offer");
    assertEquals("after a long offer", next().hello());
  }

  @Test
  void stalledHandshakeIsDroppedWithoutBlockingOthers() throws Exception {
    Listener listener = listener(TimeUnit.MILLISECONDS.toNanos(300));
    try (SocketChannel staller = rawConnect(listener)) {
      // Another client gets in while the first one says nothing.
      connect(listener.address(), "prompt");
      assertEquals("prompt", next().hello());
      assertEquals(-1, readToEnd(staller));
    }
    assertTrue(accepted.isEmpty());
  }

  @Test
  void oversizedFrameClosesOnlyThatLink() throws Exception {
    Listener listener = listener();
    Link bad = connect(listener.address(), "bad");
    Link good = connect(listener.address(), "good");
    Accepted first = next();
    Accepted second = next();
    Accepted badServer = first.hello().equals("bad") ? first : second;
    Accepted goodServer = first.hello().equals("bad") ? second : first;
    badServer.link().maxFrameLength(16);

    bad.send(new byte[17], 0, 17);
    IOException tooLarge = assertThrows(IOException.class, () -> badServer.link().receive());
    assertTrue(tooLarge.getMessage().contains("17 bytes"), tooLarge.getMessage());
    assertFalse(badServer.link().isOpen());
    assertThrows(EOFException.class, bad::receive);

    good.send(string("still here"));
    assertEquals("still here", goodServer.link().receive().readString());
  }

  @Test
  void peerCloseIsEndOfFileAfterWhatWasSent() throws Exception {
    Listener listener = listener();
    Link client = connect(listener.address(), "closing");
    Link server = next().link();
    client.send(string("last words"));
    client.close();
    assertEquals("last words", server.receive().readString());
    assertThrows(EOFException.class, server::receive);
    assertThrows(EOFException.class, server::receive);
  }

  @Test
  void sendToAClosedPeerFailsWithEndOfFile() throws Exception {
    Listener listener = listener();
    Link client = connect(listener.address(), "x");
    Link server = next().link();
    server.close();
    assertThrows(EOFException.class, client::receive);
    assertThrows(
        EOFException.class,
        () -> {
          for (int i = 0; i < 1000; i++) {
            client.send(string("into the void"));
          }
        });
  }

  @Test
  void closeWakesAReceiverOnThisSide() throws Exception {
    Listener listener = listener();
    Link client = connect(listener.address(), "x");
    next();
    CountDownLatch waiting = new CountDownLatch(1);
    BlockingQueue<Throwable> thrown = new LinkedBlockingQueue<>();
    Thread receiver =
        new Thread(
            () -> {
              waiting.countDown();
              try {
                client.receive();
              } catch (Throwable t) {
                thrown.add(t);
              }
            });
    receiver.start();
    waiting.await();
    client.close();
    assertTrue(thrown.poll(10, TimeUnit.SECONDS) instanceof IOException);
  }

  @Test
  void interruptedReceiveKeepsTheLink() throws Exception {
    Listener listener = listener();
    Link client = connect(listener.address(), "x");
    Link server = next().link();
    Thread.currentThread().interrupt();
    assertThrows(java.io.InterruptedIOException.class, client::receive);
    assertFalse(Thread.currentThread().isInterrupted());
    assertTrue(client.isOpen());
    server.send(string("after the interrupt"));
    assertEquals("after the interrupt", client.receive().readString());
  }

  @Test
  void interruptedSenderStillSendsAndKeepsItsFlag() throws Exception {
    Listener listener = listener();
    Link client = connect(listener.address(), "x");
    Link server = next().link();
    Thread.currentThread().interrupt();
    try {
      client.send(string("despite it"));
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
    assertEquals("despite it", server.receive().readString());
  }

  @Test
  void timedReceiveReturnsNullWhenNothingCame() throws Exception {
    Listener listener = listener();
    Link client = connect(listener.address(), "x");
    Link server = next().link();
    assertNull(client.receive(20, TimeUnit.MILLISECONDS));
    assertFalse(client.hasBufferedFrame());
    server.send(string("now"));
    WireInput in = client.receive(10, TimeUnit.SECONDS);
    assertEquals("now", in.readString());
  }

  @Test
  void receiveWithNoTimeoutIsAPoll() throws Exception {
    Listener listener = listener();
    Link client = connect(listener.address(), "x");
    Link server = next().link();
    assertNull(client.receive(0, TimeUnit.NANOSECONDS));
    server.send(string("polled"));
    server.send(string("and again"));
    // A send returns once the bytes are in the peer's socket buffer: a poll finds them.
    assertEquals("polled", client.receive(0, TimeUnit.NANOSECONDS).readString());
    assertEquals("and again", client.receive(10, TimeUnit.SECONDS).readString());
  }

  @Test
  void largeFramesAndManySendersKeepFramesWhole() throws Exception {
    Listener listener = listener();
    Link client = connect(listener.address(), "x");
    Link server = next().link();
    byte[] big = new byte[3 * 1024 * 1024 + 7];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    int threads = 4;
    int each = 200;
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread sender =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < each; i++) {
                    WireOutput out = new WireOutput();
                    out.writeInt(id);
                    out.writeInt(i);
                    if (i % 50 == 0) {
                      out.writeBytes(big);
                    } else {
                      out.writeBytes(new byte[i]);
                    }
                    client.send(out);
                  }
                } catch (IOException e) {
                  throw new RuntimeException(e);
                }
              });
      sender.start();
      senders.add(sender);
    }
    int[] next = new int[threads];
    for (int n = 0; n < threads * each; n++) {
      WireInput in = server.receive();
      int id = in.readInt();
      int i = in.readInt();
      assertEquals(next[id]++, i);
      byte[] body = in.readBytes();
      if (i % 50 == 0) {
        assertArrayEquals(big, body);
      } else {
        assertEquals(i, body.length);
      }
      in.expectEnd();
    }
    for (Thread sender : senders) {
      sender.join();
    }
  }

  private SocketChannel rawConnect(Listener listener) throws IOException {
    SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX);
    raw.connect(UnixDomainSocketAddress.of(listener.address().path()));
    return raw;
  }

  private static void writeFrame(SocketChannel raw, byte[] body) throws IOException {
    ByteBuffer frame = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
    while (frame.hasRemaining()) {
      raw.write(frame);
    }
  }

  /** Reads until the end; returns -1 at the end, as the listener drops the client. */
  private static int readToEnd(SocketChannel raw) throws IOException {
    ByteBuffer sink = ByteBuffer.allocate(256);
    try {
      while (raw.read(sink) >= 0) {
        sink.clear();
      }
    } catch (IOException e) {
      // Reset by the listener: dropped as well.
    }
    return -1;
  }
}

package dev.subprocess.internal.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer that holds a valid key and stops reading, or stops halfway through a frame, holds no
 * thread of this side beyond the stall timeout, and no thread that serves another peer at all.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LinkStallTest {
  private static final long STALL_MILLIS = 500;
  private static final int CHUNK = 64 * 1024;

  private final List<AutoCloseable> closeAfter = new ArrayList<>();
  private final BlockingQueue<Link> accepted = new LinkedBlockingQueue<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeAfter) {
      c.close();
    }
  }

  /** A listener whose handler echoes each frame of a client that says "echo" in its hello. */
  private Listener listener() throws IOException {
    Listener listener =
        Listener.open(
            "stall",
            (link, hello) -> {
              closeAfter.add(link);
              if (hello.readString().equals("echo")) {
                while (true) {
                  WireInput in = link.receive();
                  link.send(string(in.readString()));
                }
              }
              accepted.add(link);
            });
    closeAfter.add(listener);
    return listener;
  }

  private Link connect(Listener listener, String hello) throws IOException {
    Link link = Link.connect(listener.address(), string(hello));
    closeAfter.add(link);
    return link;
  }

  private Link next() throws InterruptedException {
    Link link = accepted.poll(10, TimeUnit.SECONDS);
    assertNotNull(link, "no link was accepted");
    return link;
  }

  private static WireOutput string(String s) {
    WireOutput out = new WireOutput();
    out.writeString(s);
    return out;
  }

  private static void assertEchoes(Listener listener, String what) throws IOException {
    try (Link echo = Link.connect(listener.address(), string("echo"))) {
      echo.send(string(what));
      assertEquals(what, echo.receive(10, TimeUnit.SECONDS).readString());
    }
  }

  /** A frame whose bytes say where they are in the stream: {@code int index, bytes pattern}. */
  private static WireOutput numbered(int index, int length) {
    WireOutput out = new WireOutput(length + 16);
    out.writeInt(index);
    byte[] body = new byte[length];
    for (int i = 0; i < length; i++) {
      body[i] = (byte) (index * 7 + i);
    }
    out.writeBytes(body);
    return out;
  }

  private static void assertNumbered(int index, int length, WireInput in) {
    assertEquals(index, in.readInt());
    byte[] body = in.readBytes();
    assertEquals(length, body.length);
    for (int i = 0; i < length; i++) {
      if (body[i] != (byte) (index * 7 + i)) {
        throw new AssertionError("frame " + index + " differs at byte " + i);
      }
    }
    in.expectEnd();
  }

  @Test
  void aBlockingSendToAPeerThatReadsNothing_failsAfterTheStallTimeout() throws Exception {
    Listener listener = listener();
    Link asleep = connect(listener, "asleep");
    Link server = next();
    server.stallTimeout(STALL_MILLIS, TimeUnit.MILLISECONDS);
    byte[] chunk = new byte[CHUNK];

    long start = System.nanoTime();
    IOException stalled =
        assertThrows(
            IOException.class,
            () -> {
              while (true) {
                server.send(chunk, 0, chunk.length);
              }
            });
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(stalled.getMessage().contains("has read nothing for 500 ms"), stalled.getMessage());
    assertTrue(tookMillis >= STALL_MILLIS, tookMillis + " ms");
    assertTrue(tookMillis < 20_000, tookMillis + " ms");
    assertFalse(server.isOpen());
    // The peer finds the end after what had reached its socket.
    assertThrows(EOFException.class, () -> {
      while (true) {
        asleep.receive();
      }
    });
    IOException after = assertThrows(IOException.class, () -> server.send(chunk, 0, 1));
    assertTrue(after.getMessage().contains("has read nothing"), after.getMessage());
  }

  @Test
  void aSendThatNeverWaits_returnsAtOnce_andAStalledPeerIsCut() throws Exception {
    Listener listener = listener();
    Link asleep = connect(listener, "asleep");
    Link server = next();
    server.stallTimeout(STALL_MILLIS, TimeUnit.MILLISECONDS);
    server.sendWithoutWaiting();

    // Far more than a socket's buffer: on a link whose sends wait, this would never return.
    for (int i = 0; i < 32; i++) {
      server.send(numbered(i, CHUNK));
    }
    assertTrue(server.unsentBytes() > 0, "the peer's socket is full");
    // Other clients of the same listener are served meanwhile.
    assertEchoes(listener, "served meanwhile");

    // The thread that serves the sleeper waits in receive, and is freed once it is cut.
    long start = System.nanoTime();
    IOException stalled = assertThrows(IOException.class, server::receive);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(stalled.getMessage().contains("has read nothing for 500 ms"), stalled.getMessage());
    assertTrue(tookMillis < 20_000, tookMillis + " ms");
    assertFalse(server.isOpen());
    IOException after = assertThrows(IOException.class, () -> server.send(string("late")));
    assertTrue(after.getMessage().contains("has read nothing"), after.getMessage());

    // What reached the sleeper's socket is whole, then the link ends.
    int i = 0;
    try {
      while (true) {
        assertNumbered(i++, CHUNK, asleep.receive());
      }
    } catch (EOFException end) {
      assertTrue(i < 32, "the backlog was dropped");
    }
  }

  @Test
  void aSlowReader_isNeverCut_andGetsEveryFrameInOrder() throws Exception {
    Listener listener = listener();
    Link slow = connect(listener, "slow");
    Link server = next();
    server.stallTimeout(2, TimeUnit.SECONDS);
    server.sendWithoutWaiting();
    int frames = 64;
    for (int i = 0; i < frames; i++) {
      // Small and large frames mixed, so that some go whole behind a backlog and some split.
      server.send(numbered(i, lengthOf(i)));
    }
    assertTrue(server.unsentBytes() > 0, "the peer's socket is full");
    for (int i = 0; i < frames; i++) {
      assertNumbered(i, lengthOf(i), slow.receive());
      // A slow consumer: it reads, but only now and then, well within the stall timeout.
      Thread.sleep(20);
    }
    assertTrue(server.isOpen());
    assertEquals(0, server.unsentBytes());
    server.send(string("and the fast path again"));
    assertEquals("and the fast path again", slow.receive().readString());
  }

  private static int lengthOf(int i) {
    return i % 3 == 0 ? 3 * CHUNK + i : i;
  }

  @Test
  void closeAfterSendsThatDidNotWait_deliversThemThenTheEnd() throws Exception {
    Listener listener = listener();
    Link reader = connect(listener, "reader");
    Link server = next();
    server.stallTimeout(10, TimeUnit.SECONDS);
    server.sendWithoutWaiting();
    for (int i = 0; i < 16; i++) {
      server.send(numbered(i, CHUNK));
    }
    assertTrue(server.unsentBytes() > 0, "the peer's socket is full");
    server.close();
    assertFalse(server.isOpen());
    assertThrows(IOException.class, () -> server.send(string("after close")));
    for (int i = 0; i < 16; i++) {
      assertNumbered(i, CHUNK, reader.receive());
    }
    assertThrows(EOFException.class, reader::receive);
  }

  @Test
  void aPeerThatLetsTooMuchPileUp_isCut() throws Exception {
    Listener listener = listener();
    connect(listener, "hoarder");
    Link server = next();
    server.stallTimeout(30, TimeUnit.SECONDS);
    server.sendWithoutWaiting();
    byte[] chunk = new byte[1024 * 1024];
    IOException cut =
        assertThrows(
            IOException.class,
            () -> {
              for (int i = 0; i < 1024; i++) {
                server.send(chunk, 0, chunk.length);
              }
            });
    assertTrue(cut.getMessage().contains("unread"), cut.getMessage());
    assertFalse(server.isOpen());
  }

  @Test
  void halfAFrameThenSilence_closesTheLink_andFreesItsThread() throws Exception {
    Listener listener = listener();
    Link half = connect(listener, "half");
    Link server = next();
    server.stallTimeout(STALL_MILLIS, TimeUnit.MILLISECONDS);
    // A header that announces 100 bytes, and 10 of them.
    ByteBuffer partial = ByteBuffer.allocate(14).putInt(100).put(new byte[10]).flip();
    while (partial.hasRemaining()) {
      half.channel().write(partial);
    }
    long start = System.nanoTime();
    IOException cut = assertThrows(IOException.class, server::receive);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(cut.getMessage().contains("part of a frame"), cut.getMessage());
    assertTrue(tookMillis < 20_000, tookMillis + " ms");
    assertFalse(server.isOpen());
    assertThrows(EOFException.class, half::receive);
    assertEchoes(listener, "still served");
  }

  @Test
  void halfAFrameThenSilence_isCutByAPollToo() throws Exception {
    Listener listener = listener();
    Link half = connect(listener, "half");
    Link server = next();
    server.stallTimeout(STALL_MILLIS, TimeUnit.MILLISECONDS);
    ByteBuffer partial = ByteBuffer.allocate(2).put((byte) 0).put((byte) 0).flip();
    while (partial.hasRemaining()) {
      half.channel().write(partial);
    }
    IOException cut =
        assertThrows(
            IOException.class,
            () -> {
              while (true) {
                assertNull(server.receive(50, TimeUnit.MILLISECONDS));
              }
            });
    assertTrue(cut.getMessage().contains("part of a frame"), cut.getMessage());
  }

  @Test
  void anIdlePeer_isNotCut() throws Exception {
    Listener listener = listener();
    Link idle = connect(listener, "idle");
    Link server = next();
    server.stallTimeout(300, TimeUnit.MILLISECONDS);
    server.sendWithoutWaiting();
    // Nothing in either direction: idle, not stalled.
    assertNull(server.receive(600, TimeUnit.MILLISECONDS));
    assertTrue(server.isOpen());
    // A slow frame that keeps coming is not cut either.
    ByteBuffer frame = ByteBuffer.allocate(4 + 4).putInt(4).putInt(42).flip();
    for (int i = 0; i < frame.limit() - 1; i++) {
      idle.channel().write(frame.duplicate().position(i).limit(i + 1));
      assertNull(server.receive(20, TimeUnit.MILLISECONDS));
    }
    idle.channel().write(frame.duplicate().position(frame.limit() - 1));
    WireInput in = server.receive(10, TimeUnit.SECONDS);
    assertNotNull(in);
    assertEquals(42, in.readInt());
    server.send(string("still open"));
    assertEquals("still open", idle.receive().readString());
  }

  @Test
  void bytesOfABacklogAreThoseSent() throws Exception {
    Listener listener = listener();
    Link reader = connect(listener, "reader");
    Link server = next();
    server.stallTimeout(10, TimeUnit.SECONDS);
    server.sendWithoutWaiting();
    byte[] big = new byte[5 * CHUNK + 3];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 13);
    }
    server.send(big, 0, big.length);
    // The caller may reuse its array once send returns.
    byte[] copy = big.clone();
    java.util.Arrays.fill(big, (byte) 0);
    WireInput in = reader.receive();
    byte[] received = new byte[in.remaining()];
    in.readRaw(received, 0, received.length);
    assertArrayEquals(copy, received);
  }
}

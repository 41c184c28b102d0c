package dev.subprocess.internal.pipe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.subprocess.internal.channel.Address;
import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.hub.Capability;
import dev.subprocess.internal.hub.Hub;
import dev.subprocess.internal.ring.Sleepers;
import dev.subprocess.internal.files.RuntimeDirectory;
import dev.subprocess.internal.ring.Gate;
import dev.subprocess.internal.ring.OneToOneRing;
import dev.subprocess.internal.ring.SharedLong;
import dev.subprocess.internal.ring.SharedMemory;
import java.nio.ByteBuffer;
import dev.subprocess.internal.ring.RingWriter;
import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.Values;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.io.EOFException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A pipe's ends within one JVM: both held by the host, or one moved to a client of it. */
@Timeout(30)
class PipeEndsTest {
  private final List<PipeEndpoint> opened = new ArrayList<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void closeAll() throws InterruptedException {
    for (PipeEndpoint end : opened) {
      end.close();
    }
    threads.shutdownNow();
    assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
  }

  private PipeEndpoint[] open() {
    PipeEndpoint[] ends = PipeCore.open();
    opened.add(ends[0]);
    opened.add(ends[1]);
    return ends;
  }

  /** Moves {@code end} and makes the client a JVM that read its handle would make. */
  private RemoteEnd moveToClient(PipeEndpoint end) {
    WireOutput out = new WireOutput();
    end.moveTo(out);
    return client(out);
  }

  private RemoteEnd client(WireOutput handle) {
    WireInput in = new WireInput(handle.toByteArray());
    Capability pipe = Capability.readFrom(in);
    RemoteEnd remote =
        new RemoteEnd(pipe.address(), pipe.hostPid(), pipe.id(), in.readByte(), in.readLong());
    opened.add(remote);
    return remote;
  }

  private static void assertEndOfFile(UncheckedIOException e, String message) {
    assertInstanceOf(EOFException.class, e.getCause());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void bothWays_inOrder() throws Exception {
    PipeEndpoint[] ends = open();
    for (int i = 0; i < 1000; i++) {
      ends[0].send(i);
      ends[1].send("r" + i);
    }
    for (int i = 0; i < 1000; i++) {
      assertEquals(i, ends[1].recv());
      assertEquals("r" + i, ends[0].recv());
    }
  }

  @Test
  void nullAndNonTransferableMessages_areRefused() {
    PipeEndpoint[] ends = open();
    assertThrows(NullPointerException.class, () -> ends[0].send(null));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ends[0].send(new StringBuilder()));
    assertTrue(e.getMessage().contains("java.lang.StringBuilder"), e.getMessage());
  }

  @Test
  void afterThePeerCloses_recvReturnsWhatWasSent_thenEndOfFile() throws Exception {
    PipeEndpoint[] ends = open();
    ends[0].send("last words");
    ends[0].close();
    assertTrue(ends[1].poll(0));
    assertEquals("last words", ends[1].recv());
    assertTrue(ends[1].poll(0), "recv would not wait");
    assertEndOfFile(
        assertThrows(UncheckedIOException.class, ends[1]::recv), "other end of the pipe is closed");
    UncheckedIOException send = assertThrows(UncheckedIOException.class, () -> ends[1].send(1));
    assertFalse(send.getCause() instanceof EOFException);
    assertThrows(IllegalStateException.class, () -> ends[0].send(1));
    ends[0].close();
  }

  @Test
  void aWaitingRecv_isWokenByTheSend_orByTheClose() throws Exception {
    PipeEndpoint[] ends = open();
    AtomicReference<Thread> sleeper = new AtomicReference<>();
    Future<Object> got =
        threads.submit(
            () -> {
              sleeper.set(Thread.currentThread());
              Object first = ends[1].recv();
              try {
                ends[1].recv();
                return "no end of file";
              } catch (UncheckedIOException e) {
                return first;
              }
            });
    Sleepers.awaitSleeping(sleeper);
    ends[0].send("hello");
    ends[0].close();
    assertEquals("hello", got.get(10, TimeUnit.SECONDS));
  }

  @Test
  void poll_waitsAtMostTheTimeout() throws Exception {
    PipeEndpoint[] ends = open();
    long start = System.nanoTime();
    assertFalse(ends[0].poll(TimeUnit.MILLISECONDS.toNanos(30)));
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(30));
    ends[1].send(1);
    assertTrue(ends[0].poll(TimeUnit.SECONDS.toNanos(5)));
  }

  @Test
  void aMessageLargerThanTheRing_streamsThrough() throws Exception {
    PipeEndpoint[] ends = open();
    byte[] big = new byte[3 * PipeProtocol.RING_CAPACITY + 5];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    Future<?> sent = threads.submit(() -> {
      ends[0].send(big);
      return null;
    });
    assertArrayEquals(big, (byte[]) ends[1].recv());
    sent.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aRecvWaiting_isInterrupted() throws Exception {
    PipeEndpoint[] ends = open();
    AtomicReference<Thread> sleeper = new AtomicReference<>();
    Future<Object> got =
        threads.submit(
            () -> {
              sleeper.set(Thread.currentThread());
              return ends[1].recv();
            });
    Sleepers.awaitSleeping(sleeper);
    got.cancel(true);
    ends[0].send("still there");
    assertEquals("still there", ends[1].recv());
  }

  @Test
  void aMovedEnd_isUsableThere_andNoMoreHere() throws Exception {
    PipeEndpoint[] ends = open();
    ends[0].send("before the move");
    RemoteEnd moved = moveToClient(ends[1]);
    IllegalStateException e = assertThrows(IllegalStateException.class, ends[1]::recv);
    assertTrue(e.getMessage().contains("sent to another process"), e.getMessage());
    ends[1].close();
    assertEquals("before the move", moved.recv());
    moved.send("from the client");
    assertEquals("from the client", ends[0].recv());
    for (int i = 0; i < 10_000; i++) {
      ends[0].send(i);
    }
    for (int i = 0; i < 10_000; i++) {
      assertEquals(i, moved.recv());
    }
    moved.close();
    assertEndOfFile(assertThrows(UncheckedIOException.class, ends[0]::recv), "closed");
  }

  @Test
  void anEndMovedTwice_refusesItsOldHandle() throws Exception {
    PipeEndpoint[] ends = open();
    WireOutput out = new WireOutput();
    ends[1].moveTo(out);
    WireInput in = new WireInput(out.toByteArray());
    PipeCore core = (PipeCore) Hub.local(Capability.readFrom(in));
    in.readByte();
    long generation = in.readLong();
    PipeEndpoint claimed = core.claim(1, generation);
    assertInstanceOf(LocalEnd.class, claimed);
    PipeEndpoint again = core.claim(1, generation);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> again.send(1));
    assertTrue(e.getMessage().contains("moved on"), e.getMessage());
    ends[0].send("to the claimer");
    assertEquals("to the claimer", claimed.recv());
    opened.add(claimed);
  }

  @Test
  void aHolderThatEnds_closesItsEnd() throws Exception {
    PipeEndpoint[] ends = open();
    WireOutput out = new WireOutput();
    ends[1].moveTo(out);
    WireInput in = new WireInput(out.toByteArray());
    Capability pipe = Capability.readFrom(in);
    Address hub = pipe.address();
    long pipeId = pipe.id();
    int end = in.readByte();
    long generation = in.readLong();
    WireOutput hello = Hub.hello(PipeProtocol.HELLO, pipeId);
    hello.writeByte(end);
    hello.writeLong(generation);
    hello.writeByte(PipeProtocol.ATTACH);
    Link holder = Link.connect(hub, hello);
    assertEquals(PipeProtocol.ATTACHED, holder.receive().readByte());
    holder.close();
    assertEndOfFile(assertThrows(UncheckedIOException.class, ends[0]::recv), "has ended");
  }

  @Test
  void anEndSentToAChildThatNeverStarted_isClosed() throws Exception {
    PipeEndpoint[] ends = open();
    Transfers transfers = Transfers.begin();
    try {
      ends[1].moveTo(new WireOutput());
    } finally {
      transfers.end();
    }
    transfers.notSent();
    assertEndOfFile(assertThrows(UncheckedIOException.class, ends[0]::recv), "has ended");
  }

  @Test
  void anEndSentOnUnused_outlivesTheProcessThatPassedIt() throws Exception {
    PipeEndpoint[] ends = open();
    Transfers transfers = Transfers.begin();
    RemoteEnd hop;
    try {
      hop = moveToClient(ends[1]);
    } finally {
      transfers.end();
    }
    WireOutput onward = new WireOutput();
    hop.moveTo(onward);
    transfers.notSent();
    RemoteEnd last = client(onward);
    ends[0].send("to the last holder");
    assertEquals("to the last holder", last.recv());
  }

  @Test
  void aClientEndClosedBeforeItsFirstUse_closesTheEnd() throws Exception {
    PipeEndpoint[] ends = open();
    RemoteEnd moved = moveToClient(ends[1]);
    moved.close();
    assertEndOfFile(assertThrows(UncheckedIOException.class, ends[0]::recv), "closed");
  }

  @Test
  void anEndReadFromAMessageThatFailsToDecode_isClosed_notStuck() throws Exception {
    PipeEndpoint[] carried = open();
    PipeEndpoint[] carrier = open();
    // The handle of carried[1], then bytes that are not a value: the decode fails after the end
    // was read.
    WireOutput out = new WireOutput();
    out.writeByte(0x13); // a List
    out.writeVarInt(2);
    out.writeByte(0x41); // a Connection
    carried[1].moveTo(out);
    Values.write(out, "tail");
    byte[] cut = java.util.Arrays.copyOf(out.array(), out.size() - 2);
    sendRaw(carrier[0], cut);
    assertThrows(MalformedMessageException.class, carrier[1]::recv);
    Future<Object> peer = threads.submit(() -> carried[0].recv());
    java.util.concurrent.ExecutionException e =
        assertThrows(
            java.util.concurrent.ExecutionException.class, () -> peer.get(10, TimeUnit.SECONDS));
    assertEndOfFile((UncheckedIOException) e.getCause(), "closed");
    // The carrier goes on.
    sendRaw(carrier[0], Values.encode("after"));
    assertEquals("after", carrier[1].recv());
  }

  @Test
  void aPeerRewindingItsPositionInTheRing_failsTheSend_insteadOfBlockingItForever()
      throws Exception {
    PipeEndpoint[] ends = open();
    LocalEnd first = (LocalEnd) ends[0];
    PipeCore core = first.core();
    ByteBuffer memory =
        SharedMemory.openPrivate(
            RuntimeDirectory.path(),
            core.path().toString(),
            2 * OneToOneRing.bytesFor(PipeProtocol.RING_CAPACITY));
    // The holder of the second end moves back its position in the ring the first end writes.
    new SharedLong(memory, OneToOneRing.HEAD_OFFSET).set(-10L * PipeProtocol.RING_CAPACITY);
    byte[] large = new byte[3 * PipeProtocol.RING_CAPACITY];
    Future<?> send = threads.submit(() -> {
      ends[0].send(large);
      return null;
    });
    java.util.concurrent.ExecutionException e =
        assertThrows(
            java.util.concurrent.ExecutionException.class, () -> send.get(10, TimeUnit.SECONDS));
    assertInstanceOf(UncheckedIOException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("corrupt"), e.getCause().getMessage());
    assertThrows(IllegalStateException.class, () -> ends[0].send("closed now"));
  }

  /** Publishes {@code message} on {@code from}'s ring as it is, as a faulty sender would. */
  private static void sendRaw(PipeEndpoint from, byte[] message) throws InterruptedException {
    LocalEnd end = (LocalEnd) from;
    PipeCore core = end.core();
    RingWriter writer =
        new RingWriter(
            core.ring(end.end),
            new Gate() {
              @Override
              public void wakePeer() {
                core.wake(1 - end.end);
              }

              @Override
              public void checkOpen(boolean midMessage) {}
            });
    writer.write(message, 0, message.length);
  }
}

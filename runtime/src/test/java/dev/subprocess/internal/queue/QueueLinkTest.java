package dev.subprocess.internal.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.subprocess.internal.files.RuntimeDirectory;
import dev.subprocess.internal.channel.Address;
import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.hub.Capability;
import dev.subprocess.internal.hub.Hub;
import dev.subprocess.internal.channel.Listener;
import dev.subprocess.internal.ring.Sleepers;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.io.EOFException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A queue's host and a client of it, within one JVM: the client talks to the host over the
 * hub's socket and the ring, as a client in another JVM would.
 */
@Timeout(30)
class QueueLinkTest {
  private final List<QueueEndpoint> opened = new ArrayList<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void closeAll() throws InterruptedException {
    for (QueueEndpoint q : opened) {
      q.close();
    }
    threads.shutdownNow();
    assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
  }

  private LocalQueue host(int capacity) {
    LocalQueue host = LocalQueue.create(capacity);
    opened.add(host);
    return host;
  }

  /** The handle of {@code host}: its capability. */
  private static WireInput handle(LocalQueue host) {
    WireOutput out = new WireOutput();
    host.writeHandle(out);
    return new WireInput(out.toByteArray());
  }

  private RemoteQueue client(LocalQueue host) {
    WireInput in = handle(host);
    Capability queue = Capability.readFrom(in);
    RemoteQueue client = RemoteQueue.of(queue.address(), queue.hostPid(), queue.id());
    opened.add(0, client);
    return client;
  }

  @Test
  void clientPuts_reachTheHost_inOrder() throws Exception {
    LocalQueue host = host(0);
    RemoteQueue client = client(host);
    for (int i = 0; i < 10_000; i++) {
      client.put(i, -1);
    }
    for (int i = 0; i < 10_000; i++) {
      assertEquals(i, host.get(-1));
    }
    assertEquals(0, host.size());
  }

  @Test
  void hostPuts_reachTheClient_inOrder() throws Exception {
    LocalQueue host = host(0);
    RemoteQueue client = client(host);
    for (int i = 0; i < 1000; i++) {
      host.put("e" + i, -1);
    }
    assertEquals(1000, client.size());
    for (int i = 0; i < 1000; i++) {
      assertEquals("e" + i, client.get(-1));
    }
  }

  @Test
  void aWaitingClientGet_isWokenByAPut() throws Exception {
    LocalQueue host = host(0);
    RemoteQueue client = client(host);
    AtomicReference<Thread> sleeper = new AtomicReference<>();
    Future<Object> got =
        threads.submit(
            () -> {
              sleeper.set(Thread.currentThread());
              return client.get(-1);
            });
    Sleepers.awaitSleeping(sleeper);
    host.put(42, -1);
    assertEquals(42, got.get(10, TimeUnit.SECONDS));
  }

  @Test
  void aClientGet_timesOut_andTheElementPutLaterIsDeliveredOnce() throws Exception {
    LocalQueue host = host(0);
    RemoteQueue client = client(host);
    assertNull(client.get(TimeUnit.MILLISECONDS.toNanos(30)));
    host.put("late", -1);
    assertEquals("late", host.get(TimeUnit.SECONDS.toNanos(5)));
    assertNull(client.get(0));
  }

  @Test
  void anInterruptedClientGet_losesNothing() throws Exception {
    LocalQueue host = host(0);
    RemoteQueue client = client(host);
    AtomicReference<Thread> sleeper = new AtomicReference<>();
    Future<Object> got =
        threads.submit(
            () -> {
              sleeper.set(Thread.currentThread());
              return client.get(-1);
            });
    Sleepers.awaitSleeping(sleeper);
    got.cancel(true);
    host.put("after the interrupt", -1);
    assertEquals("after the interrupt", client.get(TimeUnit.SECONDS.toNanos(10)));
  }

  @Test
  void theHubCloses_withTheLastQueueItServes() throws Exception {
    LocalQueue host = host(0);
    WireInput in = handle(host);
    Address hub = Address.readFrom(in);
    assertTrue(java.nio.file.Files.exists(hub.path()));
    for (QueueEndpoint q : opened) {
      q.close();
    }
    opened.clear();
    assertFalse(java.nio.file.Files.exists(hub.path()), "the socket is removed");
  }

  @Test
  void boundedQueue_blocksAClientPut_untilAGetFreesASlot() throws Exception {
    LocalQueue host = host(2);
    RemoteQueue client = client(host);
    client.put(1, -1);
    client.put(2, -1);
    assertFalse(client.put(3, TimeUnit.MILLISECONDS.toNanos(50)), "full");
    assertFalse(host.put(3, 0), "full for the host too");
    AtomicReference<Thread> putter = new AtomicReference<>();
    Future<Boolean> blocked =
        threads.submit(
            () -> {
              putter.set(Thread.currentThread());
              return client.put(3, -1);
            });
    Sleepers.awaitSleeping(putter);
    assertFalse(blocked.isDone());
    assertEquals(1, host.get(-1));
    assertTrue(blocked.get(10, TimeUnit.SECONDS));
    assertEquals(2, host.get(-1));
    assertEquals(3, host.get(-1));
  }

  @Test
  void boundedQueue_aSlotGrantedAfterATimeout_isGivenBack() throws Exception {
    LocalQueue host = host(1);
    RemoteQueue client = client(host);
    host.put("full", -1);
    assertFalse(client.put("x", TimeUnit.MILLISECONDS.toNanos(20)));
    host.get(-1);
    // The slot the client's WANT obtained goes back: the host can fill it.
    assertTrue(host.put("mine", TimeUnit.SECONDS.toNanos(5)));
  }

  @Test
  void hostClose_failsTheClient_andWakesItsWaitingGet() throws Exception {
    LocalQueue host = host(0);
    RemoteQueue client = client(host);
    client.put("x", -1);
    AtomicReference<Thread> sleeper = new AtomicReference<>();
    Future<Object> got =
        threads.submit(
            () -> {
              client.get(-1);
              sleeper.set(Thread.currentThread());
              return client.get(-1);
            });
    Sleepers.awaitSleeping(sleeper);
    host.close();
    Exception e = assertThrows(Exception.class, () -> got.get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof IllegalStateException, e.toString());
    assertTrue(e.getCause().getMessage().contains("closed by the process that created it"),
        e.getCause().getMessage());
    IllegalStateException put = assertThrows(IllegalStateException.class, () -> client.put(1, -1));
    assertTrue(put.getMessage().contains("closed"), put.getMessage());
    assertThrows(IllegalStateException.class, () -> host.get(0));
  }

  @Test
  void clientClose_keepsWhatItPut() throws Exception {
    LocalQueue host = host(0);
    RemoteQueue client = client(host);
    client.put("kept", -1);
    client.close();
    assertEquals("kept", host.get(TimeUnit.SECONDS.toNanos(5)));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> client.get(0));
    assertTrue(e.getMessage().contains("closed in this process"), e.getMessage());
  }

  @Test
  void nullAndNonTransferableElements_areRefused() throws Exception {
    LocalQueue host = host(0);
    RemoteQueue client = client(host);
    assertThrows(NullPointerException.class, () -> client.put(null, -1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> client.put(new Thread(), -1));
    assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> host.put(new Object(), -1));
  }

  @Test
  void aClientSendingAnUnknownFrame_isDropped_andTheQueueGoesOn() throws Exception {
    LocalQueue host = host(0);
    WireInput in = handle(host);
    Capability queue = Capability.readFrom(in);
    Address hub = queue.address();
    long id = queue.id();
    Link rogue = Link.connect(hub, Hub.hello(QueueProtocol.HELLO, id));
    assertEquals(QueueProtocol.WELCOME, rogue.receive().readByte());
    WireOutput garbage = new WireOutput();
    garbage.writeByte('?');
    garbage.writeLong(-1);
    rogue.send(garbage);
    assertThrows(EOFException.class, rogue::receive);
    rogue.close();
    RemoteQueue client = client(host);
    client.put("fine", -1);
    assertEquals("fine", host.get(-1));
  }

  @Test
  void largeElements_travelBothWays() throws Exception {
    LocalQueue host = host(0);
    RemoteQueue client = client(host);
    byte[] big = new byte[3 * QueueProtocol.ANSWER_RING + 1];
    big[big.length - 1] = 9;
    host.put(big, -1);
    byte[] got = (byte[]) client.get(-1);
    assertEquals(big.length, got.length);
    assertEquals(9, got[big.length - 1]);
    byte[] bigger = new byte[3 * QueueProtocol.PUT_RING];
    bigger[0] = 7;
    Future<Boolean> put = threads.submit(() -> client.put(bigger, -1));
    assertEquals(7, ((byte[]) host.get(-1))[0]);
    assertTrue(put.get(10, TimeUnit.SECONDS));
  }

  @Test
  void aClientRaisingItsDemandOutOfTurn_isDropped() throws Exception {
    LocalQueue host = host(0);
    WireInput in = handle(host);
    Capability queue = Capability.readFrom(in);
    Address hub = queue.address();
    long id = queue.id();
    Link rogue = Link.connect(hub, Hub.hello(QueueProtocol.HELLO, id));
    WireInput welcome = rogue.receive();
    assertEquals(QueueProtocol.WELCOME, welcome.readByte());
    java.nio.file.Path path = java.nio.file.Paths.get(welcome.readString());
    ByteBuffer memory =
        dev.subprocess.internal.ring.SharedMemory.openPrivate(
            RuntimeDirectory.path(), path.toString(), QueueProtocol.fileSize());
    new dev.subprocess.internal.ring.SharedLong(memory, QueueProtocol.DEMAND).set(1000);
    WireOutput drain = new WireOutput();
    drain.writeByte(QueueProtocol.DRAIN);
    rogue.send(drain);
    assertThrows(EOFException.class, rogue::receive);
    host.put("unharmed", -1);
    assertEquals("unharmed", host.get(-1));
  }

  @Test
  void manyGets_fromTwoClientThreads_eachElementOnce() throws Exception {
    LocalQueue host = host(0);
    RemoteQueue client = client(host);
    int count = 20_000;
    List<Future<List<Object>>> consumers = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      consumers.add(threads.submit(() -> {
        List<Object> got = new ArrayList<>();
        for (Object e = client.get(-1); !e.equals(-1); e = client.get(-1)) {
          got.add(e);
        }
        return got;
      }));
    }
    for (int i = 0; i < count; i++) {
      host.put(i, -1);
    }
    host.put(-1, -1);
    host.put(-1, -1);
    java.util.Set<Object> all = new java.util.HashSet<>();
    int total = 0;
    for (Future<List<Object>> f : consumers) {
      List<Object> got = f.get(20, TimeUnit.SECONDS);
      total += got.size();
      all.addAll(got);
    }
    assertEquals(count, total);
    assertEquals(count, all.size());
  }

  @Test
  void aClientSendingAnOversizedFrame_isDropped() throws Exception {
    LocalQueue host = host(0);
    WireInput in = handle(host);
    Capability queue = Capability.readFrom(in);
    Address hub = queue.address();
    long id = queue.id();
    Link rogue = Link.connect(hub, Hub.hello(QueueProtocol.HELLO, id));
    rogue.receive();
    WireOutput big = new WireOutput();
    big.writeByte(QueueProtocol.SIZE);
    big.writeRaw(new byte[Hub.MAX_CLIENT_FRAME], 0, Hub.MAX_CLIENT_FRAME);
    rogue.send(big);
    assertThrows(EOFException.class, rogue::receive);
    host.put("still", -1);
    assertEquals("still", host.get(-1));
  }

  @Test
  void anUnauthenticatedConnection_isDropped() throws Exception {
    LocalQueue host = host(0);
    WireInput in = handle(host);
    Address hub = Address.readFrom(in);
    try (SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      raw.connect(UnixDomainSocketAddress.of(hub.path()));
      ByteBuffer junk = ByteBuffer.allocate(64);
      junk.putInt(60).put(new byte[60]).flip();
      raw.write(junk);
      ByteBuffer answer = ByteBuffer.allocate(1024);
      int n;
      while ((n = raw.read(answer)) > 0) {
        answer.clear();
      }
      assertEquals(-1, n, "the hub closed the connection");
    }
    host.put("still", -1);
    assertEquals("still", host.get(-1));
  }

  @Test
  void putsInterruptedAsTheirSlotIsGranted_neverKeepTheSlot() throws Exception {
    LocalQueue host = host(1);
    RemoteQueue client = client(host);
    host.put("held", -1);
    for (int round = 0; round < 150; round++) {
      int element = round;
      AtomicReference<Thread> putter = new AtomicReference<>();
      Future<Boolean> put =
          threads.submit(
              () -> {
                putter.set(Thread.currentThread());
                return client.put(element, -1);
              });
      Sleepers.awaitSleeping(putter);
      // The slot freed by the get is granted to the waiting put just before, while or just after
      // it is interrupted: each round moves the interrupt a little.
      if (round % 3 == 0) {
        putter.get().interrupt();
        host.get(-1);
      } else {
        host.get(-1);
        long until = System.nanoTime() + (round % 40) * 2_000L;
        while (System.nanoTime() - until < 0) {
          Thread.onSpinWait();
        }
        putter.get().interrupt();
      }
      boolean went;
      try {
        went = put.get(10, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        assertTrue(e.getCause() instanceof InterruptedException, e.toString());
        went = false;
      }
      if (!went) {
        assertTrue(
            host.put("held", TimeUnit.SECONDS.toNanos(5)),
            "round " + round + ": the interrupted put kept the slot");
      }
    }
    assertEquals(1, host.size());
  }

  @Test
  void aListenerNamingAFileOutsideItsFolder_isNeverMappedNorDeleted(@TempDir Path elsewhere)
      throws Exception {
    Path victim = elsewhere.resolve("victim");
    Files.write(victim, new byte[QueueProtocol.fileSize()]);
    Path link = null;
    for (String forged : new String[] {"outside", "dotdot", "symlink"}) {
      try (Listener impostor =
          Listener.open(
              "impostor",
              (l, hello) -> {
                WireOutput out = new WireOutput();
                out.writeByte(QueueProtocol.WELCOME);
                Path folder = RuntimeDirectory.path();
                Path named;
                switch (forged) {
                  case "outside":
                    named = victim;
                    break;
                  case "dotdot":
                    named =
                        Paths.get(
                            folder.toString(), "..", folder.getParent().relativize(victim).toString());
                    break;
                  default:
                    named = folder.resolve("forged-link");
                    Files.deleteIfExists(named);
                    Files.createSymbolicLink(named, victim);
                }
                out.writeString(named.toString());
                out.writeInt(0);
                l.send(out);
              })) {
        RemoteQueue client = RemoteQueue.of(impostor.address(), ProcessHandle.current().pid(), 1);
        opened.add(0, client);
        assertThrows(IllegalStateException.class, () -> client.put("x", -1), forged);
        assertTrue(Files.exists(victim), forged + ": the file named is not deleted");
        link = impostor.address().path().resolveSibling("forged-link");
      }
    }
    if (link != null) {
      Files.deleteIfExists(link);
    }
    assertEquals(QueueProtocol.fileSize(), Files.size(victim));
  }
}

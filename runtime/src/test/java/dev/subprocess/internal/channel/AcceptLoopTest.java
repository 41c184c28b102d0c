package dev.subprocess.internal.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.subprocess.internal.files.RuntimeDirectory;
import dev.subprocess.internal.wire.WireOutput;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A listener outlives what it cannot help, and a client never waits on one forever. */
@Timeout(30)
class AcceptLoopTest {
  private final List<AutoCloseable> closeAfter = new ArrayList<>();
  private final BlockingQueue<String> accepted = new LinkedBlockingQueue<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeAfter) {
      c.close();
    }
  }

  private Listener listener(ThreadFactory threads) throws IOException {
    Listener listener =
        Listener.open(
            "loop",
            Listener.singleKey(),
            (link, hello) -> {
              closeAfter.add(link);
              accepted.add(hello.readString());
            },
            Link.HANDSHAKE_TIMEOUT_NANOS,
            threads);
    closeAfter.add(listener);
    return listener;
  }

  private static WireOutput string(String s) {
    WireOutput out = new WireOutput();
    out.writeString(s);
    return out;
  }

  /** Daemon threads, except that the first {@code failures} fail as a JVM out of threads does. */
  private static ThreadFactory failing(int failures) {
    AtomicInteger calls = new AtomicInteger();
    return task -> {
      if (calls.incrementAndGet() <= failures) {
        throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
      }
      Thread thread = new Thread(task);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Test
  void aTransientErrorDropsOneClient_andTheListenerGoesOn() throws Exception {
    Listener listener = listener(failing(1));
    long start = System.nanoTime();
    IOException dropped =
        assertThrows(IOException.class, () -> Link.connect(listener.address(), string("first")));
    assertTrue(
        System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5),
        "the dropped client was refused at once: " + dropped);

    Link.connect(listener.address(), string("second")).close();
    assertEquals("second", accepted.poll(10, TimeUnit.SECONDS));
    assertTrue(listener.isOpen());
  }

  @Test
  void manyErrorsInARow_neverEndTheListener() throws Exception {
    Listener listener = listener(failing(5));
    for (int i = 0; i < 5; i++) {
      assertThrows(IOException.class, () -> Link.connect(listener.address(), string("dropped")));
    }
    Link.connect(listener.address(), string("after five")).close();
    assertEquals("after five", accepted.poll(10, TimeUnit.SECONDS));
  }

  @Test
  void aListenerWhoseLoopEnds_unbindsItsSocket() throws Exception {
    Listener listener = listener(null);
    // Nothing but close() should end the loop; an interrupt of its thread is the one way in.
    Thread acceptor = null;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("dev.subprocess " + listener.path().getFileName())) {
        acceptor = t;
      }
    }
    assertTrue(acceptor != null, "the accepting thread");
    acceptor.interrupt();
    acceptor.join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(acceptor.isAlive());
    assertFalse(listener.isOpen());
    assertFalse(Files.exists(listener.path()), "the socket file is removed");
    assertThrows(IOException.class, () -> Link.connect(listener.address(), string("late")));
  }

  @Test
  void aClientOfAListenerThatAcceptsNothing_givesUpInTime() throws Exception {
    Path path = RuntimeDirectory.newPath("deaf");
    List<SocketChannel> queued = new ArrayList<>();
    try (ServerSocketChannel deaf = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      deaf.bind(UnixDomainSocketAddress.of(path), 1);
      // Fill the backlog: a blocking connect would now wait as long as the socket lives.
      for (int i = 0; i < 8; i++) {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        c.configureBlocking(false);
        try {
          c.connect(UnixDomainSocketAddress.of(path));
          queued.add(c);
        } catch (IOException e) {
          c.close();
        }
      }
      Address address = new Address(path, new byte[0], new byte[Address.KEY_LENGTH]);
      long start = System.nanoTime();
      IOException late =
          assertThrows(
              IOException.class,
              () -> Link.connect(address, string("x"), TimeUnit.MILLISECONDS.toNanos(300)));
      long took = System.nanoTime() - start;
      assertTrue(took < TimeUnit.SECONDS.toNanos(5), "gave up after " + took + " ns: " + late);
    } finally {
      for (SocketChannel c : queued) {
        c.close();
      }
      Files.deleteIfExists(path);
    }
  }
}

package dev.subprocess.internal.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.channel.LinkAccess;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client of the hub that holds a valid key and stops reading, or sends half a frame and stops,
 * holds no thread that another client depends on, and is cut after the stall timeout.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HubStallTest {
  private static final byte KIND = 'S';
  private static final int CHUNK = 64 * 1024;

  private final List<Long> registered = new ArrayList<>();
  private final List<Link> links = new ArrayList<>();
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private long stallBefore;

  @BeforeEach
  void shortStall() {
    stallBefore = Hub.stallTimeoutNanos;
    Hub.stallTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(500);
  }

  @AfterEach
  void restore() {
    Hub.stallTimeoutNanos = stallBefore;
    for (Link link : links) {
      link.close();
    }
    for (long id : registered) {
      Hub.unregister(id);
    }
  }

  /**
   * An object that, for each client, sends it 2 MiB (far more than a socket holds), says so, then
   * echoes what the client sends until the link ends, and says how.
   */
  private Hub.Registration register() {
    Hub.Hosted hosted =
        (link, facet, hello) -> {
          String name = hello.readString();
          try {
            for (int i = 0; i < 32; i++) {
              WireOutput out = new WireOutput(CHUNK + 8);
              out.writeBytes(new byte[CHUNK]);
              link.send(out);
            }
            events.add(name + " sent");
            while (true) {
              WireInput in = link.receive();
              WireOutput out = new WireOutput();
              out.writeString(in.readString());
              link.send(out);
            }
          } catch (IOException e) {
            events.add(name + " ended: " + e.getMessage());
          }
        };
    Hub.Registration registration = Hub.register(KIND, hosted);
    registered.add(registration.id());
    return registration;
  }

  private Link connect(Hub.Registration registration, String name) throws IOException {
    WireOutput hello = Hub.hello(KIND, registration.id());
    hello.writeString(name);
    Link link = Link.connect(registration.capability().address(), hello);
    links.add(link);
    return link;
  }

  private String next() throws InterruptedException {
    String event = events.poll(20, TimeUnit.SECONDS);
    assertNotNull(event, "nothing happened");
    return event;
  }

  @Test
  void aClientThatReadsNothing_holdsNoThread_andIsCut() throws Exception {
    Hub.Registration a = register();
    Hub.Registration b = register();
    connect(a, "sleeper");
    // The sends to a client that reads nothing return: the thread that made them goes on.
    assertEquals("sleeper sent", next());

    // Another client, of another object, is served while the sleeper sleeps.
    Link awake = connect(b, "awake");
    for (int i = 0; i < 32; i++) {
      assertEquals(CHUNK, awake.receive().readBytes().length);
    }
    String second = next();
    if (second.startsWith("sleeper ended")) {
      assertEquals("awake sent", next());
    } else {
      assertEquals("awake sent", second);
      second = next();
    }
    WireOutput ping = new WireOutput();
    ping.writeString("ping");
    awake.send(ping);
    assertEquals("ping", awake.receive(10, TimeUnit.SECONDS).readString());

    assertTrue(
        second.startsWith("sleeper ended: the peer has read nothing for 500 ms"), second);
  }

  @Test
  void aClientThatSendsHalfAFrame_isCut() throws Exception {
    Hub.Registration a = register();
    Link half = connect(a, "half");
    for (int i = 0; i < 32; i++) {
      assertEquals(CHUNK, half.receive().readBytes().length);
    }
    assertEquals("half sent", next());
    // A header that announces 100 bytes, and 10 of them, written as any process could.
    ByteBuffer partial = ByteBuffer.allocate(14).putInt(100).put(new byte[10]).flip();
    LinkAccess.write(half, partial);
    String ended = next();
    assertTrue(ended.startsWith("half ended: the peer sent part of a frame"), ended);
  }
}

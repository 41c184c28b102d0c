package dev.subprocess.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.hub.Capability;
import dev.subprocess.internal.hub.Hub;
import dev.subprocess.internal.hub.HubAddress;
import dev.subprocess.internal.wire.Failures;
import dev.subprocess.internal.wire.RemoteFailure;
import dev.subprocess.internal.wire.WireOutput;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Workers reach their pool through the hub, each with a key of its own, and nothing else. */
@Timeout(30)
class WorkerGateTest {
  /** What a worker said when it connected. */
  private record Arrival(int id, long pid, Link link, RemoteFailure initializerFailure) {}

  private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
  private final WorkerGate gate =
      new WorkerGate(
          (id, pid, link, failure) -> arrivals.add(new Arrival(id, pid, link, failure)));
  private final List<Link> links = new ArrayList<>();

  @AfterEach
  void close() {
    gate.close();
    for (Link link : links) {
      link.close();
    }
  }

  private Link connect(Capability pool, WireOutput hello) throws IOException {
    Link link = Link.connect(pool.address(), hello);
    links.add(link);
    return link;
  }

  private static WireOutput hello(Capability pool, long pid, byte status) {
    WireOutput hello = Hub.hello(Protocol.HELLO, pool.id());
    hello.writeLong(pid);
    hello.writeByte(status);
    return hello;
  }

  @Test
  void aWorkersCapability_opensThePool_asThatWorker() throws Exception {
    gate.open();
    Capability seven = gate.capability(7);
    connect(seven, hello(seven, 1234, Protocol.READY));
    Arrival arrival = arrivals.poll(10, TimeUnit.SECONDS);
    assertNotNull(arrival);
    assertEquals(7, arrival.id());
    assertEquals(1234, arrival.pid());
    assertNull(arrival.initializerFailure());
  }

  @Test
  void anInitializersFailure_arrivesAsData() throws Exception {
    gate.open();
    Capability one = gate.capability(1);
    WireOutput hello = hello(one, 99, Protocol.INITIALIZER_FAILED);
    Failures.write(hello, new IllegalStateException("no database"));
    connect(one, hello);
    Arrival arrival = arrivals.poll(10, TimeUnit.SECONDS);
    assertNotNull(arrival);
    assertEquals("java.lang.IllegalStateException: no database",
        arrival.initializerFailure().toString());
  }

  @Test
  void aHelloThatIsNotAWorkers_isDropped() throws Exception {
    gate.open();
    Capability one = gate.capability(1);
    Link link = connect(one, hello(one, 99, (byte) 7));
    assertThrows(EOFException.class, () -> link.receive(10, TimeUnit.SECONDS));
    assertNull(arrivals.poll(100, TimeUnit.MILLISECONDS));
  }

  @Test
  void aClosedPool_refusesItsWorkers_andTheHubStopsListeningWithItsLastObject() throws Exception {
    Hub.Registration probe = Hub.register((byte) 'Q', (link, facet, hello) -> link.close());
    Capability probed = probe.capability();
    Hub.unregister(probe.id());
    assumeFalse(HubAddress.isLocal(probed), "another test of this JVM left an object hosted");

    gate.open();
    Capability one = gate.capability(1);
    assertTrue(HubAddress.isLocal(one));
    gate.close();
    assertThrows(IllegalStateException.class, () -> gate.capability(2));

    assertFalse(HubAddress.isLocal(one), "the hub listens no more");
    assertFalse(Files.exists(one.address().path()), "its socket is gone");
    assertThrows(IOException.class, () -> connect(one, hello(one, 99, Protocol.READY)));
    assertNull(arrivals.poll(100, TimeUnit.MILLISECONDS));
  }

  @Test
  void aPoolClosedWhileAnotherObjectIsHosted_refusesItsWorkersAsClosed() throws Exception {
    Hub.Registration other = Hub.register((byte) 'Q', (link, facet, hello) -> link.close());
    try {
      gate.open();
      Capability one = gate.capability(1);
      gate.close();
      Link link = connect(one, hello(one, 99, Protocol.READY));
      var answer = link.receive(10, TimeUnit.SECONDS);
      assertEquals(Hub.REFUSED, answer.readByte());
      assertEquals(Hub.CLOSED_REASON, answer.readString());
      assertNull(arrivals.poll(100, TimeUnit.MILLISECONDS));
    } finally {
      Hub.unregister(other.id());
    }
  }
}

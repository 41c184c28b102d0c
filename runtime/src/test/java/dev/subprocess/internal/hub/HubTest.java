package dev.subprocess.internal.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.subprocess.internal.channel.Address;
import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A capability opens its own object of the hub, and no other. */
@Timeout(30)
class HubTest {
  private static final byte QUEUE = 'Q';
  private static final byte PIPE = 'P';

  private final List<Long> registered = new ArrayList<>();
  private final List<Link> links = new ArrayList<>();
  /** Which object each accepted link reached, and with which facet. */
  private final BlockingQueue<String> reached = new LinkedBlockingQueue<>();
  private final Map<String, Hub.Hosted> hostedByName = new HashMap<>();

  @AfterEach
  void unregisterAll() {
    for (Link link : links) {
      link.close();
    }
    for (long id : registered) {
      Hub.unregister(id);
    }
  }

  private Hub.Registration register(byte kind, String name) {
    Hub.Hosted hosted =
        (link, facet, hello) -> {
          links.add(link);
          reached.add(name + "/" + facet);
          WireOutput welcome = new WireOutput();
          welcome.writeByte('W');
          link.send(welcome);
        };
    Hub.Registration registration = Hub.register(kind, hosted);
    hostedByName.put(name, hosted);
    registered.add(registration.id());
    return registration;
  }

  private Link connect(Address address, byte kind, long id) throws IOException {
    Link link = Link.connect(address, Hub.hello(kind, id));
    links.add(link);
    return link;
  }

  /** A capability's address with another key id, and the same key. */
  private static Address forge(Capability real, long id, long facet) {
    WireOutput out = new WireOutput();
    out.writeString(real.address().path().toString());
    out.writeBytes(Capability.keyId(id, facet));
    WireOutput genuine = new WireOutput();
    real.address().writeTo(genuine);
    WireInput in = new WireInput(genuine.toByteArray());
    in.readString();
    in.readBytes();
    out.writeBytes(in.readBytes());
    return Address.readFrom(new WireInput(out.toByteArray()));
  }

  @Test
  void aQueuesHandle_opensThatQueue() throws Exception {
    Hub.Registration a = register(QUEUE, "A");
    Link link = connect(a.capability().address(), QUEUE, a.id());
    assertEquals('W', link.receive().readByte());
    assertEquals("A/0", reached.poll(10, TimeUnit.SECONDS));
  }

  @Test
  void aQueuesHandle_opensNoOtherQueueNorPipe_byChangingTheId() throws Exception {
    Hub.Registration a = register(QUEUE, "A");
    Hub.Registration b = register(QUEUE, "B");
    Hub.Registration c = register(PIPE, "C");
    Capability ofA = a.capability();

    // The hello names B, the key is A's: the hub drops the link.
    Link named = connect(ofA.address(), QUEUE, b.id());
    assertThrows(EOFException.class, named::receive);
    // The key id names B or C, the key is A's: the handshake fails.
    assertThrows(IOException.class, () -> connect(forge(ofA, b.id(), 0), QUEUE, b.id()));
    assertThrows(IOException.class, () -> connect(forge(ofA, c.id(), 0), PIPE, c.id()));
    // Nor another facet of A, nor an id the hub never gave.
    assertThrows(IOException.class, () -> connect(forge(ofA, a.id(), 1), QUEUE, a.id()));
    assertThrows(IOException.class, () -> connect(forge(ofA, 1 << 40, 0), QUEUE, 1 << 40));

    assertNull(reached.poll(200, TimeUnit.MILLISECONDS), "nothing was reached");
  }

  @Test
  void aFacetsKey_opensThatFacet() throws Exception {
    Hub.Registration c = register(PIPE, "C");
    Link link = connect(c.capability(1).address(), PIPE, c.id());
    assertEquals('W', link.receive().readByte());
    assertEquals("C/1", reached.poll(10, TimeUnit.SECONDS));
  }

  @Test
  void aHelloOfAnotherKind_isRefused() throws Exception {
    Hub.Registration a = register(QUEUE, "A");
    Link link = connect(a.capability().address(), PIPE, a.id());
    WireInput answer = link.receive();
    assertEquals(Hub.REFUSED, answer.readByte());
    assertNull(reached.poll(200, TimeUnit.MILLISECONDS));
  }

  @Test
  void aClosedObject_isReportedClosed() throws Exception {
    Hub.Registration keep = register(QUEUE, "keep");
    Hub.Registration gone = register(QUEUE, "gone");
    Capability ofGone = gone.capability();
    Hub.unregister(gone.id());
    Link link = connect(ofGone.address(), QUEUE, gone.id());
    WireInput answer = link.receive();
    assertEquals(Hub.REFUSED, answer.readByte());
    assertEquals(Hub.CLOSED_REASON, answer.readString());
    assertTrue(keep.id() > 0);
  }

  @Test
  void onlyATrueCapability_isLocal() throws Exception {
    Hub.Registration a = register(QUEUE, "A");
    Hub.Registration b = register(QUEUE, "B");
    Capability ofA = a.capability();
    assertTrue(HubAddress.isLocal(ofA));
    assertSame(hostedByName.get("A"), Hub.local(ofA));
    assertSame(hostedByName.get("A"), Hub.local(Capability.of(ofA.address(), ofA.hostPid())));
    assertNull(Hub.local(Capability.of(forge(ofA, b.id(), 0), ofA.hostPid())));
  }

  @Test
  void aCapabilityTravels() {
    Hub.Registration a = register(QUEUE, "A");
    Capability ofA = a.capability(3);
    WireOutput out = new WireOutput();
    ofA.writeTo(out);
    Capability read = Capability.readFrom(new WireInput(out.toByteArray()));
    assertEquals(ofA, read);
    assertEquals(a.id(), read.id());
    assertEquals(3, read.facet());
    assertEquals(ProcessHandle.current().pid(), read.hostPid());
  }
}

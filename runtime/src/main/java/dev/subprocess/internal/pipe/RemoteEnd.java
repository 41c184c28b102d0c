package dev.subprocess.internal.pipe;

import dev.subprocess.internal.channel.Address;
import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.hub.Capability;
import dev.subprocess.internal.hub.Hub;
import dev.subprocess.internal.hub.HostLink;
import dev.subprocess.internal.ring.OneToOneRing;
import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An end of a pipe held by a JVM other than the pipe's host. It attaches on first use: a link to
 * the host, which answers with the pipe's file, mapped here; a reader thread takes the host's
 * doorbells. When that link ends without this end having moved or closed, the host has ended and
 * the pipe with it: what is in the ring can still be read, then {@code recv} reports the end.
 */
final class RemoteEnd extends RingEnd {
  /** The largest frame the host sends: its welcome, with a path. */
  private static final int MAX_HOST_FRAME = 64 * 1024;

  private static final long NOTIFY_TIMEOUT_SECONDS = 30;

  private final Address hub;
  private final long hostPid;
  private final long pipeId;
  private final long generation;
  private final HostLink host;
  private volatile String unreachable;

  RemoteEnd(Address hub, long hostPid, long pipeId, int end, long generation) {
    super(end);
    this.hub = hub;
    this.hostPid = hostPid;
    this.pipeId = pipeId;
    this.generation = generation;
    this.host =
        new HostLink(
            hub, hostPid, "the process that opened the pipe", MAX_HOST_FRAME, new Frames());
  }

  @Override
  boolean attach() {
    if (host.isConnected()) {
      return true;
    }
    if (host.connect(hello(PipeProtocol.ATTACH, generation), PipeProtocol.ATTACHED, Hub.REFUSED,
        "pipe " + pipeId)) {
      return true;
    }
    String refusal = host.refusal();
    if (refusal != null) {
      throw new IllegalStateException(refusal);
    }
    if (unreachable == null) {
      unreachable = host.hostEnded();
    }
    return false;
  }

  @Override
  void wakePeer() {
    send(PipeProtocol.WAKE);
  }

  @Override
  String unreachable() {
    return unreachable;
  }

  @Override
  void closed() {
    if (host.isConnected()) {
      send(PipeProtocol.CLOSE);
      host.close();
    } else if (unreachable == null && host.refusal() == null) {
      // Never used here: the host must still learn it, for the peer to see the end.
      notifyHost(hub, pipeId, end, generation, PipeProtocol.CLOSE);
    }
  }

  @Override
  long moved() {
    long next = generation + 1;
    if (host.isConnected()) {
      WireOutput out = new WireOutput(16);
      out.writeByte(PipeProtocol.MOVE);
      out.writeLong(next);
      try {
        host.send(out);
      } catch (IOException e) {
        // The host is gone: the next holder will find out.
      }
      host.close();
    } else if (unreachable == null && host.refusal() == null) {
      // Never used here: the host must learn the new generation before this process can end,
      // or the end of this process would close an end that lives on.
      notifyHost(hub, pipeId, end, next, PipeProtocol.SENT_ON);
    }
    return next;
  }

  @Override
  void writeHandle(WireOutput out, long generation) {
    writeHandle(out, Capability.of(hub, hostPid), end, generation);
  }

  @Override
  Transfers.Claim claim(long generation) {
    return new Lost(hub, pipeId, end, generation);
  }

  @Override
  public String toString() {
    return "Connection[pipe " + pipeId + " of pid " + hostPid
        + (end == 0 ? ", first end]" : ", second end]");
  }

  private WireOutput hello(byte purpose, long generation) {
    return hello(pipeId, end, generation, purpose);
  }

  private static WireOutput hello(long pipeId, int end, long generation, byte purpose) {
    WireOutput out = Hub.hello(PipeProtocol.HELLO, pipeId);
    out.writeByte(end);
    out.writeLong(generation);
    out.writeByte(purpose);
    return out;
  }

  /**
   * Tells the host about an end this JVM never attached: connects, says it, and waits until the
   * host has taken it in (it closes the link then).
   */
  private static void notifyHost(Address hub, long pipeId, int end, long generation, byte purpose) {
    try {
      Link link = Link.connect(hub, hello(pipeId, end, generation, purpose));
      try {
        link.receive(NOTIFY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (IOException e) {
        // The end of the link: the host has done it.
      } finally {
        link.close();
      }
    } catch (IOException e) {
      // The host is gone, and the pipe with it.
    }
  }

  private void send(byte type) {
    if (!host.isConnected()) {
      return;
    }
    WireOutput out = new WireOutput(1);
    out.writeByte(type);
    try {
      host.send(out);
    } catch (IOException e) {
      hostGone();
    }
  }

  private void hostGone() {
    if (isOpen() && unreachable == null) {
      unreachable = host.hostEnded();
    }
    wakeSleepers();
  }

  /** The host's side of the link: its welcome, its doorbells, its end. */
  private final class Frames implements HostLink.Handler {
    @Override
    public int welcomed(WireInput welcome) {
      int capacity = welcome.readInt();
      if (capacity != PipeProtocol.RING_CAPACITY) {
        throw new MalformedMessageException("rings of " + capacity + " bytes", 0);
      }
      return 2 * OneToOneRing.bytesFor(capacity);
    }

    @Override
    public void mapped(ByteBuffer memory, Path path) {
      int ringBytes = OneToOneRing.bytesFor(PipeProtocol.RING_CAPACITY);
      rings(
          OneToOneRing.at(memory, end * ringBytes, PipeProtocol.RING_CAPACITY),
          OneToOneRing.at(memory, (1 - end) * ringBytes, PipeProtocol.RING_CAPACITY));
    }

    @Override
    public boolean received(WireInput frame) {
      if (frame.readByte() != PipeProtocol.WAKE) {
        return false;
      }
      wakeSleepers();
      return true;
    }

    @Override
    public void ended() {
      // This end moved or closed, or the host has ended.
      hostGone();
    }
  }

  /** The child this end was sent to ended: the host closes the end if it was never claimed. */
  private static final class Lost implements Transfers.Claim {
    private final Address hub;
    private final long pipeId;
    private final int end;
    private final long generation;

    Lost(Address hub, long pipeId, int end, long generation) {
      this.hub = hub;
      this.pipeId = pipeId;
      this.end = end;
      this.generation = generation;
    }

    @Override
    public void destinationEnded() {
      notifyHost(hub, pipeId, end, generation, PipeProtocol.LOST);
    }
  }
}

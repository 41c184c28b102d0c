package dev.subprocess.internal.pipe;

import dev.subprocess.internal.channel.Address;
import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.hub.Capability;
import dev.subprocess.internal.hub.Hub;
import dev.subprocess.internal.ring.OneToOneRing;
import dev.subprocess.internal.ring.SharedMemory;
import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * An end of a pipe held by a JVM other than the pipe's host. It attaches on first use: a link to
 * the host, which answers with the pipe's file, mapped here; a reader thread takes the host's
 * doorbells. When that link ends without this end having moved or closed, the host has ended and
 * the pipe with it: what is in the ring can still be read, then {@code recv} reports the end.
 */
final class RemoteEnd extends RingEnd {
  private static final long ATTACH_TIMEOUT_SECONDS = 30;

  private final Address hub;
  private final long hostPid;
  private final long pipeId;
  private final long generation;
  private final Object connectLock = new Object();
  private volatile Link link;
  private volatile String unreachable;
  private volatile String refused;

  RemoteEnd(Address hub, long hostPid, long pipeId, int end, long generation) {
    super(end);
    this.hub = hub;
    this.hostPid = hostPid;
    this.pipeId = pipeId;
    this.generation = generation;
  }

  @Override
  boolean attach() {
    if (link != null) {
      return true;
    }
    synchronized (connectLock) {
      if (link != null) {
        return true;
      }
      if (refused != null) {
        throw new IllegalStateException(refused);
      }
      if (unreachable != null) {
        return false;
      }
      Link l;
      try {
        l = Link.connect(hub, hello(PipeProtocol.ATTACH, generation));
      } catch (IOException e) {
        unreachable = hostEnded();
        return false;
      }
      try {
        WireInput answer = l.receive(ATTACH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (answer == null) {
          throw new IOException("no answer from the host");
        }
        byte type = answer.readByte();
        if (type == Hub.REFUSED) {
          refused = answer.readString();
          l.close();
          throw new IllegalStateException(refused);
        }
        if (type != PipeProtocol.ATTACHED) {
          throw new MalformedMessageException("not an answer to attach: " + type, 0);
        }
        String path = answer.readString();
        int capacity = answer.readInt();
        int ringBytes = OneToOneRing.bytesFor(capacity);
        ByteBuffer memory = SharedMemory.open(Paths.get(path), 2 * ringBytes);
        rings(
            OneToOneRing.at(memory, end * ringBytes, capacity),
            OneToOneRing.at(memory, (1 - end) * ringBytes, capacity));
      } catch (IOException | MalformedMessageException | IllegalArgumentException e) {
        l.close();
        unreachable = hostEnded();
        return false;
      }
      link = l;
      Thread reader =
          new Thread(
              new Reader(l), "dev.subprocess pipe " + pipeId + " of pid " + hostPid);
      reader.setDaemon(true);
      reader.start();
      return true;
    }
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
    Link l = link;
    if (l != null) {
      send(PipeProtocol.CLOSE);
      l.close();
    } else if (unreachable == null && refused == null) {
      // Never used here: the host must still learn it, for the peer to see the end.
      notifyHost(hub, pipeId, end, generation, PipeProtocol.CLOSE);
    }
  }

  @Override
  long moved() {
    long next = generation + 1;
    Link l = link;
    if (l != null) {
      WireOutput out = new WireOutput(16);
      out.writeByte(PipeProtocol.MOVE);
      out.writeLong(next);
      try {
        l.send(out);
      } catch (IOException e) {
        // The host is gone: the next holder will find out.
      }
      l.close();
    } else if (unreachable == null && refused == null) {
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
        link.receive(ATTACH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
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
    Link l = link;
    if (l == null) {
      return;
    }
    WireOutput out = new WireOutput(1);
    out.writeByte(type);
    try {
      l.send(out);
    } catch (IOException e) {
      hostGone();
    }
  }

  private void hostGone() {
    if (isOpen() && unreachable == null) {
      unreachable = hostEnded();
    }
    wakeSleepers();
  }

  private String hostEnded() {
    return "the process that opened the pipe (pid " + hostPid + ") has ended";
  }

  /** Takes the host's doorbells until the link ends. */
  private final class Reader implements Runnable {
    private final Link link;

    Reader(Link link) {
      this.link = link;
    }

    @Override
    public void run() {
      try {
        while (true) {
          WireInput frame = link.receive();
          if (frame.readByte() != PipeProtocol.WAKE) {
            break;
          }
          wakeSleepers();
        }
      } catch (IOException | MalformedMessageException e) {
        // The link ended: this end moved or closed, or the host has ended.
      }
      link.close();
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

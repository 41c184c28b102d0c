package dev.subprocess.internal.pipe;

import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.hub.Hub;
import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.io.IOException;

/**
 * The host's side of an end held by another JVM: its link, on the link's own thread, which relays
 * the holder's doorbells to the peer and notices when the holder is done (see {@link
 * PipeProtocol}).
 *
 * <p>Lifecycle: {@code ATTACHED -> GONE}, by MOVE, CLOSE, the end of the link (the holder ended:
 * the end is closed on its behalf) or a fault (an unknown or malformed frame: the same).
 */
final class HostedEnd {
  private final PipeCore core;
  private final Link link;
  private final int end;

  HostedEnd(PipeCore core, Link link, int end) {
    this.core = core;
    this.link = link;
    this.end = end;
  }

  void serve(byte purpose, long generation) throws IOException {
    if (purpose == PipeProtocol.CLOSE) {
      core.closedUnused(end, generation);
      link.close();
      return;
    }
    if (purpose == PipeProtocol.SENT_ON) {
      core.sentOnUnused(end, generation);
      link.close();
      return;
    }
    if (purpose == PipeProtocol.LOST) {
      core.lost(end, generation);
      link.close();
      return;
    }
    if (purpose != PipeProtocol.ATTACH) {
      link.close();
      return;
    }
    String refusal = core.attach(end, generation, this);
    if (refusal != null) {
      Hub.refuse(link, refusal);
      return;
    }
    try {
      WireOutput attached = new WireOutput(128);
      attached.writeByte(PipeProtocol.ATTACHED);
      attached.writeString(core.path().toString());
      attached.writeInt(PipeProtocol.RING_CAPACITY);
      link.send(attached);
      relay();
    } catch (IOException | MalformedMessageException e) {
      // The holder ended, or is dropped for a fault.
    } finally {
      link.close();
      core.endClosed(end, this, PipeProtocol.HOLDER_ENDED);
    }
  }

  private void relay() throws IOException {
    while (true) {
      WireInput frame = link.receive();
      byte type = frame.readByte();
      switch (type) {
        case PipeProtocol.WAKE:
          frame.expectEnd();
          core.wake(1 - end);
          break;
        case PipeProtocol.MOVE:
          long generation = frame.readLong();
          frame.expectEnd();
          core.movedAway(end, this, generation);
          return;
        case PipeProtocol.CLOSE:
          frame.expectEnd();
          core.endClosed(end, this, PipeProtocol.CLOSED_BY_HOLDER);
          return;
        default:
          throw new MalformedMessageException("unknown frame type " + type, 0);
      }
    }
  }

  /** Rings the holder's doorbell. */
  void wake() {
    WireOutput out = new WireOutput(1);
    out.writeByte(PipeProtocol.WAKE);
    try {
      link.send(out);
    } catch (IOException e) {
      // The holder is gone: its link's thread closes the end.
    }
  }
}

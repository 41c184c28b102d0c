package dev.subprocess.internal.pipe;

import dev.subprocess.internal.wire.WireOutput;

/** An end of a pipe held by the pipe's host: its rings are the host's mapping, its peer is woken
 * through the {@link PipeCore}. */
final class LocalEnd extends RingEnd {
  private final PipeCore core;

  LocalEnd(PipeCore core, int end) {
    super(end);
    this.core = core;
    rings(core.ring(end), core.ring(1 - end));
  }

  /** The pipe, for tests. */
  PipeCore core() {
    return core;
  }

  @Override
  boolean attach() {
    return true;
  }

  @Override
  void wakePeer() {
    core.wake(1 - end);
  }

  @Override
  String unreachable() {
    return null;
  }

  @Override
  void closed() {
    core.endClosed(end, this, PipeProtocol.CLOSED_BY_HOLDER);
  }

  @Override
  long moved() {
    return core.moveOut(end, this);
  }

  @Override
  void writeHandle(WireOutput out, long generation) {
    writeHandle(out, core.capability(end), end, generation);
  }

  @Override
  Transfers.Claim claim(long generation) {
    return new Lost(core, end, generation);
  }

  @Override
  public String toString() {
    return "Connection[" + core + (end == 0 ? ", first end]" : ", second end]");
  }

  /** The child this end was sent to ended: if it never claimed the end, the end is closed. */
  private static final class Lost implements Transfers.Claim {
    private final PipeCore core;
    private final int end;
    private final long generation;

    Lost(PipeCore core, int end, long generation) {
      this.core = core;
      this.end = end;
      this.generation = generation;
    }

    @Override
    public void destinationEnded() {
      core.lost(end, generation);
    }
  }
}

package dev.subprocess.internal.ring;

/**
 * The writing side of a {@link OneToOneRing}, with its waits: a message is published fragment by
 * fragment; when the ring is full the writer backs off, then parks until the reader rings.
 *
 * <p>For one thread at a time; {@link #parker()} is woken from any thread.
 */
public final class RingWriter {
  private final OneToOneRing ring;
  private final Gate gate;
  private final Parker parker = new Parker();

  public RingWriter(OneToOneRing ring, Gate gate) {
    this.ring = ring;
    this.gate = gate;
  }

  /** What the reader's doorbell, or a closing channel, wakes. */
  public Parker parker() {
    return parker;
  }

  public OneToOneRing ring() {
    return ring;
  }

  /** Whether the reader has read every message written. */
  public boolean isConsumed() {
    return ring.isConsumed();
  }

  /** The longest message that travels as one fragment. */
  public int maxFragment() {
    return ring.maxFragment();
  }

  /**
   * Publishes {@code length} bytes of {@code message} as one message, waiting for room as needed.
   * Once its first fragment is published a message is finished whatever happens (an interrupt is
   * kept for later), so that the reader never sees half of one unless this process dies.
   *
   * @throws InterruptedException if interrupted while waiting before anything was published
   * @throws RuntimeException whatever {@link Gate#checkOpen(boolean)} throws
   */
  public void write(byte[] message, int offset, int length) throws InterruptedException {
    int done = 0;
    boolean interrupted = false;
    do {
      int n = Math.min(length - done, ring.maxFragment());
      boolean last = done + n == length;
      while (!ring.offerFragment(message, offset + done, n, last)) {
        try {
          awaitRoom(n, done > 0);
        } catch (InterruptedException e) {
          if (done == 0) {
            throw e;
          }
          interrupted = true;
        }
      }
      done += n;
      if (ring.takeReaderParked()) {
        gate.wakePeer();
      }
    } while (done < length);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Publishes {@code length} bytes of {@code message} as one message if the ring has room for it
   * now, without waiting: for a writer that must never wait on the reader's process.
   *
   * @param length at most {@link #maxFragment()}
   * @return false, with nothing written, if the ring lacks room
   * @throws CorruptRingException if the reader's position is not one a reader could have
   */
  public boolean offer(byte[] message, int offset, int length) {
    if (!ring.offerFragment(message, offset, length, true)) {
      return false;
    }
    if (ring.takeReaderParked()) {
      gate.wakePeer();
    }
    return true;
  }

  /**
   * Rings the reader's doorbell if it sleeps: for a writer that changed something else the reader
   * watches (a counter beside the ring, say) after its last message.
   */
  public void wakeReaderIfSleeping() {
    if (ring.takeReaderParked()) {
      gate.wakePeer();
    }
  }

  private void awaitRoom(int length, boolean midMessage) throws InterruptedException {
    long start = System.nanoTime();
    for (int i = 0; !ring.hasRoomFor(length); i++) {
      if (!Backoff.idle(i, start)) {
        gate.checkOpen(midMessage);
        parker.arm();
        try {
          ring.setWriterParked();
          if (ring.hasRoomFor(length)) {
            ring.clearWriterParked();
            return;
          }
          gate.checkOpen(midMessage);
          parker.park(0);
        } finally {
          parker.disarm();
        }
        gate.checkOpen(midMessage);
        start = System.nanoTime();
        i = -1;
      }
    }
  }
}

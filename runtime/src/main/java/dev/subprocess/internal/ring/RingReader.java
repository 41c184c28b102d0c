package dev.subprocess.internal.ring;

/**
 * The reading side of a {@link OneToOneRing}, with its waits: when the ring is empty the reader
 * backs off, then parks until the writer rings.
 *
 * <p>For one thread at a time; {@link #parker()} is woken from any thread.
 */
public final class RingReader {
  private final OneToOneRing ring;
  private final Gate gate;
  private final Parker parker = new Parker();

  public RingReader(OneToOneRing ring, Gate gate) {
    this.ring = ring;
    this.gate = gate;
  }

  /** What the writer's doorbell, or a closing channel, wakes. */
  public Parker parker() {
    return parker;
  }

  public OneToOneRing ring() {
    return ring;
  }

  /**
   * The next whole message, or null if none has fully arrived; rings the writer if it waits for
   * the room this frees.
   *
   * @throws CorruptRingException if the writer wrote something else than records
   */
  public byte[] poll() {
    byte[] message = ring.poll();
    if (ring.takeWriterParked()) {
      gate.wakePeer();
    }
    return message;
  }

  /** Whether nothing is there to read. */
  public boolean isEmpty() {
    return ring.isEmpty();
  }

  /**
   * For a reader that sleeps elsewhere (on a socket, say) until the writer's doorbell: raises the
   * parked flag, unless something arrived meanwhile.
   *
   * @return true if the reader may sleep: the writer will ring for its next message
   */
  public boolean prepareToSleep() {
    ring.setReaderParked();
    if (!ring.isEmpty()) {
      ring.clearReaderParked();
      return false;
    }
    return true;
  }

  /** Lowers the parked flag after a sleep that something else than the doorbell ended. */
  public void awake() {
    ring.clearReaderParked();
  }

  /**
   * Waits for the next whole message.
   *
   * @param deadline by {@link System#nanoTime()}; 0 for none
   * @return the message; null if the deadline passed, or if the writer closed the ring and every
   *     message before is read
   * @throws InterruptedException if interrupted while no message is partly read
   */
  public byte[] take(long deadline) throws InterruptedException {
    boolean interrupted = false;
    try {
      while (true) {
        byte[] message = poll();
        if (message != null) {
          return message;
        }
        boolean partial = ring.hasPartial();
        // Once a message is partly read it is finished regardless of deadlines and interrupts,
        // so that no half message is left behind for whoever reads this ring next.
        try {
          if (!await(partial ? 0 : deadline, partial)) {
            return null;
          }
        } catch (InterruptedException e) {
          if (!partial) {
            throw e;
          }
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Waits until something is there to read, the writer has closed, or the deadline.
   *
   * @return false if the deadline passed, or if the writer closed the ring and it is empty
   */
  public boolean await(long deadline) throws InterruptedException {
    return await(deadline, false);
  }

  private boolean await(long deadline, boolean midMessage) throws InterruptedException {
    long start = System.nanoTime();
    for (int i = 0; ring.isEmpty(); i++) {
      if (ring.isWriterClosed()) {
        return !ring.isEmpty();
      }
      if (deadline != 0 && System.nanoTime() - deadline >= 0) {
        return false;
      }
      if (!Backoff.idle(i, start)) {
        gate.checkOpen(midMessage);
        parker.arm();
        try {
          ring.setReaderParked();
          if (!ring.isEmpty() || ring.isWriterClosed()) {
            ring.clearReaderParked();
            continue;
          }
          parker.park(deadline);
        } finally {
          parker.disarm();
        }
        // A timeout or a spurious wake leaves the flag up: lower it, so the writer doesn't ring
        // for nothing.
        ring.clearReaderParked();
        gate.checkOpen(midMessage);
        start = System.nanoTime();
        i = -1;
      }
    }
    return true;
  }
}

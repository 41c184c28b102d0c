package dev.subprocess.internal.ring;

/**
 * What a side of a ring needs from whatever connects it to the other process: a way to ring the
 * other side's doorbell, and a check that the channel still stands. Implemented by the queue and
 * the pipe, over a link or within a process.
 */
public interface Gate {
  /** Rings the doorbell of the other side, which is parked or about to park. */
  void wakePeer();

  /**
   * Throws if this side can no longer use the ring: the channel was closed, or the process at the
   * other end of it is gone. Called before and after every wait.
   *
   * @param midMessage whether a message is half written or half read: then only a channel that is
   *     gone for good may stop it, not a change on this side (a move of the end, say), which must
   *     leave whole messages to whoever takes the ring over
   */
  void checkOpen(boolean midMessage);
}

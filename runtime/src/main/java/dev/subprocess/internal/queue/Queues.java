package dev.subprocess.internal.queue;

/**
 * Creates the queues this JVM hosts. Apart from {@link QueueEndpoint} so that a JVM that only reads
 * handles of queues hosted elsewhere never loads {@link LocalQueue}.
 */
public final class Queues {
  private Queues() {}

  /** A new queue hosted by this JVM; {@code capacity} 0 for an unbounded one. */
  public static QueueEndpoint create(int capacity) {
    return LocalQueue.create(capacity);
  }
}

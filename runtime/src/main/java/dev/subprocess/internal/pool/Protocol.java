package dev.subprocess.internal.pool;

/**
 * What a pool and its workers say to each other. A worker's bootstrap and hello, then frames on
 * its {@link dev.subprocess.internal.channel.Link}; numbers as {@link
 * dev.subprocess.internal.wire.WireOutput} writes them.
 *
 * <pre>
 * bootstrap (stdin)  capability, boolean hasInitializer, [string launcher, varint argc, value[argc]]
 * hello              byte HELLO, long poolId, long pid, byte READY | INITIALIZER_FAILED [failure]
 *
 * pool -> worker     TASKS: byte TASKS, varint firstNewEntry, varint newEntries,
 *                           string[newEntries] launcher, varint count, task[count]
 *                    STOP:  byte STOP (finish what came before, then exit 0)
 * task               int length, then: varint entry, varint argc, value[argc]
 *
 * worker -> pool     RESULTS:  byte RESULTS, int count, long nanos, result[count]
 *                    EXITING:  byte EXITING (sent by a shutdown hook)
 *                    SIGNALED: byte SIGNALED, byte signal (sent before a signal shuts it down)
 * result             int length, then: byte RETURNED, value
 *                                   or: byte THREW, failure
 * </pre>
 *
 * <p>The capability is the hub's (see {@link WorkerGate}): the pool's id, and a key of its own
 * for each worker, whose number is the capability's facet; {@code poolId} is the capability's id.
 * {@code argc} is the launcher's number of parameters, exactly.
 *
 * <p>A worker runs its tasks one at a time in the order they came and answers in that order, so
 * results carry no task ids: the pool matches them with the tasks it sent, first in first out.
 * {@code nanos} is how long the worker took for those tasks, from which the pool judges how many
 * to keep in flight.
 * Entries are numbered by the pool; a TASKS frame names the entries a worker has not seen yet. A
 * task or a result carries its length, so that one that can't be decoded fails alone.
 */
final class Protocol {
  /** The kind of a worker's hello, among the hellos of the hub's objects. */
  static final byte HELLO = 'W';

  static final byte TASKS = 1;
  static final byte STOP = 2;

  static final byte RESULTS = 1;
  static final byte EXITING = 2;
  static final byte SIGNALED = 3;

  static final byte RETURNED = 0;
  static final byte THREW = 1;

  static final byte READY = 0;
  static final byte INITIALIZER_FAILED = 1;

  private Protocol() {}
}

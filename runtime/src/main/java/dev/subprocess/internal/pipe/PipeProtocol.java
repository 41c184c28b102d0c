package dev.subprocess.internal.pipe;

/**
 * How the two ends of a pipe talk, and how an end that moved to another JVM reaches the pipe's
 * host (the JVM that opened it).
 *
 * <p>The messages never pass through the host: a pipe is a file of shared memory in the host's
 * private folder holding two {@link dev.subprocess.internal.ring.OneToOneRing}s, ring 0 from the
 * first end to the second and ring 1 back, which whoever holds an end maps. What an end is
 * (its position in both rings, whether it or its peer closed) lives in those rings, so an end
 * can move from JVM to JVM and continue where it stopped. The host keeps who holds each end, and
 * relays doorbells: a side about to sleep raises its ring's parked flag, and the other side, if
 * it sees it, asks the holder of the sleeping end to wake it.
 *
 * <p>An end held elsewhere connects to the host on first use with the hello {@code byte 'P',
 * long pipeId, byte end, long generation, byte purpose}, purpose {@link #ATTACH} (to use it),
 * {@link #CLOSE} (closed before it was ever used), {@link #SENT_ON} (sent on, as that generation,
 * before it was ever used) or {@link #LOST} (the process it was sent to as that generation ended
 * before claiming it). Each move of an end increments its generation, which its handle carries: a
 * handle of an older generation is refused, so that an end is used by one process at a time.
 *
 * <table>
 *   <caption>Frames</caption>
 *   <tr><th>type</th><th>direction</th><th>fields</th><th>meaning</th></tr>
 *   <tr><td>{@code ATTACHED}</td><td>host to client</td>
 *       <td>string path, int ringCapacity</td><td>the answer to ATTACH: the file to map</td></tr>
 *   <tr><td>{@code 'R'} (refused)</td><td>host to client</td><td>string reason</td>
 *       <td>instead: the end moved on, or is closed; the link closes</td></tr>
 *   <tr><td>{@code WAKE}</td><td>both</td><td></td>
 *       <td>to the host: wake the peer's holder; from it: wake this end's sleepers</td></tr>
 *   <tr><td>{@code MOVE}</td><td>client to host</td><td>long generation</td>
 *       <td>this end was sent on, with that generation; the link closes next</td></tr>
 *   <tr><td>{@code CLOSE}</td><td>client to host</td><td></td>
 *       <td>this end is closed (its ring flags are set already); the link closes next</td></tr>
 * </table>
 *
 * <p>When the link of an end's holder ends without MOVE or CLOSE, its holder has ended: the host
 * closes the end on its behalf, and the peer reads what was sent, then end of file. When the host
 * ends, every holder's link ends, and the pipe is unusable: the doorbells went through it.
 */
final class PipeProtocol {
  /** The kind of a pipe's hello, under which each pipe registers with the hub. */
  static final byte HELLO = 'P';

  // Hello purposes.
  static final byte ATTACH = 'A';
  static final byte CLOSE = 'C';
  static final byte LOST = 'L';
  static final byte SENT_ON = 'S';

  // Frames.
  static final byte ATTACHED = 'H';
  static final byte WAKE = 'W';
  static final byte MOVE = 'M';

  /** Each ring of a pipe. */
  static final int RING_CAPACITY = 1 << 18;

  /** Codes in a ring's writerClosed field: why the writing end is gone. */
  static final int CLOSED_BY_HOLDER = 1;

  static final int HOLDER_ENDED = 2;

  private PipeProtocol() {}
}

package dev.subprocess.internal.queue;

import dev.subprocess.internal.ring.OneToOneRing;

/**
 * How a queue's host (the JVM that created it) and a client (any other JVM that uses it) talk:
 * through a file of shared memory for the elements, and a {@link
 * dev.subprocess.internal.channel.Link} for the rest, one of each per client and queue. Elements
 * are the {@linkplain dev.subprocess.internal.wire.Values encoded values}, never decoded by the
 * host.
 *
 * <p>The client connects with the hello {@code byte 'Q', long queueId} (see {@link
 * dev.subprocess.internal.hub.Hub}). The host creates the client's file and answers {@link
 * #WELCOME}; the client maps the file and removes its name, so that nothing is left behind however
 * either side ends. The file holds:
 *
 * <table>
 *   <caption>A client's file</caption>
 *   <tr><th>offset</th><th>what</th></tr>
 *   <tr><td>0</td><td>long demand: gets the client has asked for, ever (it writes it)</td></tr>
 *   <tr><td>{@link #PUTS}</td><td>the puts ring, client to host, {@link #PUT_RING} bytes</td></tr>
 *   <tr><td>{@link #answers()}</td>
 *       <td>the answers ring, host to client, {@link #ANSWER_RING} bytes</td></tr>
 * </table>
 *
 * <p>A put is a message published in the puts ring: durable once published, and no system call
 * unless the host's reader sleeps (then a {@code DRAIN} frame is its doorbell). A get increments
 * the demand (at most one is outstanding); the host answers in the answers ring with the element,
 * or with an empty message for a get that gave up ({@code CANCEL}). An element too large for one
 * fragment of the answers ring comes in frames instead, {@code ELEMENT_PART}s of {@link #PART}
 * bytes then an {@code ELEMENT}, so that an element of any size arrives, and the host never waits
 * for room in a client's ring (it writes there only when the last answer was read, and drops a
 * client whose ring says otherwise). A client accepts no frame larger than {@link
 * #MAX_HOST_FRAME}. While both sides are busy, a get is a few memory accesses on
 * each side; a side that waits looks for a few microseconds, then raises its ring's parked flag
 * and sleeps until the other side's frame.
 *
 * <table>
 *   <caption>Client to host</caption>
 *   <tr><th>type</th><th>fields</th><th>meaning</th></tr>
 *   <tr><td>{@code DRAIN}</td><td></td>
 *       <td>doorbell: the puts ring or the demand changed while the host's reader slept</td></tr>
 *   <tr><td>{@code CANCEL}</td><td></td>
 *       <td>the get waiting for the outstanding demand gave up: the host answers it at once,
 *       with an empty message unless it has answered already</td></tr>
 *   <tr><td>{@code WANT}</td><td></td>
 *       <td>bounded queue: a put needs a slot; at most one WANT is outstanding</td></tr>
 *   <tr><td>{@code RETURN}</td><td>varint n</td>
 *       <td>bounded queue: n granted slots that no put is waiting for any more</td></tr>
 *   <tr><td>{@code SIZE}</td><td></td><td>asks for the size</td></tr>
 * </table>
 *
 * <table>
 *   <caption>Host to client</caption>
 *   <tr><th>type</th><th>fields</th><th>meaning</th></tr>
 *   <tr><td>{@code WELCOME}</td><td>string path, int capacity</td>
 *       <td>the answer to the hello: the client's file; capacity 0 for an unbounded queue</td></tr>
 *   <tr><td>{@code 'R'} (refused)</td><td>string reason</td>
 *       <td>instead of WELCOME: the queue is closed; the link closes</td></tr>
 *   <tr><td>{@code WAKE}</td><td></td>
 *       <td>doorbell: room in the puts ring, or an answer, while the client's side slept</td></tr>
 *   <tr><td>{@code ELEMENT_PART}</td><td>raw bytes, to the end of the frame</td>
 *       <td>a part of an answer too large for the answers ring; more follow</td></tr>
 *   <tr><td>{@code ELEMENT}</td><td>raw bytes, to the end of the frame</td>
 *       <td>the last part of such an answer: the element is the parts, in order</td></tr>
 *   <tr><td>{@code GRANT}</td><td>varint n</td><td>bounded queue: n slots for puts</td></tr>
 *   <tr><td>{@code SIZE_IS}</td><td>varint size</td><td>the answer to SIZE</td></tr>
 *   <tr><td>{@code CLOSED}</td><td>string reason</td>
 *       <td>the host closed the queue; the link closes</td></tr>
 * </table>
 *
 * <p>The host trusts nothing a client writes: every frame a client sends is a few bytes (it
 * accepts at most {@link dev.subprocess.internal.hub.Hub#MAX_CLIENT_FRAME}), and a client that
 * sends a larger, unknown or malformed frame, writes a puts ring that is not records, raises its
 * demand by more than one, or puts more than it was granted, is dropped. Whatever it had put
 * before stays in the queue.
 *
 * <p>Bounded queues count slots: the elements held, plus the slots granted to clients and not yet
 * used. A client asks for one slot at a time, when its put needs one, and gives back a grant that
 * arrives after its put gave up, so that no slot idles in a process while a put elsewhere waits.
 */
final class QueueProtocol {
  /** The kind of a queue's hello, under which each queue registers with the hub. */
  static final byte HELLO = 'Q';

  // Client to host.
  static final byte DRAIN = 'D';
  static final byte CANCEL = 'C';
  static final byte WANT = 'W';
  static final byte RETURN = 'U';
  static final byte SIZE = 'S';

  // Host to client.
  static final byte WELCOME = 'H';
  static final byte WAKE = 'K';
  static final byte ELEMENT = 'E';
  static final byte ELEMENT_PART = 'P';
  static final byte GRANT = 'G';
  static final byte SIZE_IS = 'Z';
  static final byte CLOSED = 'X';

  /** The bytes of an element in each of its frames. */
  static final int PART = 1 << 20;

  /** The largest frame a host sends: a part and its type. */
  static final int MAX_HOST_FRAME = PART + 1;

  /** Where the demand counter is. */
  static final int DEMAND = 0;

  /** Where the puts ring starts. */
  static final int PUTS = 512;

  /** The ring in which a client's puts travel to the host. */
  static final int PUT_RING = 1 << 20;

  /** The ring in which the host answers a client's gets. */
  static final int ANSWER_RING = 1 << 18;

  private QueueProtocol() {}

  /** Where the answers ring starts. */
  static int answers() {
    return PUTS + OneToOneRing.bytesFor(PUT_RING);
  }

  /** The size of a client's file. */
  static int fileSize() {
    return answers() + OneToOneRing.bytesFor(ANSWER_RING);
  }
}

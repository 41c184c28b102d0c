package dev.subprocess;

import dev.subprocess.internal.queue.QueueAccess;
import dev.subprocess.internal.queue.QueueEndpoint;
import dev.subprocess.internal.queue.Queues;
import dev.subprocess.internal.time.Timeouts;
import java.time.Duration;
import java.util.Optional;

/**
 * A multi-producer, multi-consumer queue shared by any number of processes, the counterpart of
 * Python's {@code multiprocessing.Queue}. It is created in one process, its <em>host</em>, and
 * passed to others as an argument of a {@link Subprocess @Subprocess} method (or inside one, in a
 * result, or as an element of another queue): they get a live handle on the same queue.
 *
 * <pre>{@code
 * try (Queue<String> queue = new Queue<>()) {
 *   new WriterProcess(queue).start();       // static void writer(Queue<String> q) { q.put("A"); }
 *   String first = queue.get();             // waits for the writer's first put
 * }
 * }</pre>
 *
 * <p>Each element is delivered exactly once, and the elements of one producer in the order it put
 * them. A {@code put} that has returned is never lost: the element is in the queue for every
 * process's {@code get}, even if the producer dies the next instant. A {@code get} waiting in one
 * process is woken by a {@code put} in any other, with no polling.
 *
 * <p>Elements must be transferable (see {@link Process}); they are copied when put, so a change to
 * an object after its put is not seen by the getter. {@code null} is refused.
 *
 * <p>How it is reached: the elements live in the host's memory; the host's own puts and gets are
 * local. Another process connects to the host on first use, over a Unix socket in the host's
 * private folder, proving that it knows a secret that only this process tree has; the host then
 * gives it a file of shared memory. Its puts are written into a ring there, which the host
 * drains; each of its gets asks the host for one element, never more, and the host answers in
 * another ring. While both sides are busy neither makes a system call; a side that waits looks
 * for a few microseconds, then sleeps until the other rings its doorbell on the socket.
 *
 * <p>Lifecycle: {@code OPEN -> CLOSED}. {@link #close()} in the host closes the queue for every
 * process, dropping the elements it holds; elsewhere it closes this process's handle only. When
 * the host has closed the queue or ended, every call on it elsewhere throws {@link
 * IllegalStateException} saying which, and calls that wait are woken to throw it: none hangs.
 *
 * <p>What a process that is killed can lose: nothing it put; at most one element it took, the
 * one the host had sent for a {@code get} in progress there (or for a {@code get} interrupted
 * while that element was on its way, which the next {@code get} there would have returned). A
 * killed process never corrupts the queue for the others. Whatever the queue uses (a socket,
 * files of shared memory) is private to this user and removed when the queue closes or its host
 * ends.
 *
 * <p>Thread-safe.
 *
 * @param <E> the type of the elements
 */
public final class Queue<E> implements AutoCloseable {
  static {
    QueueAccess.register(new Access());
  }

  private final QueueEndpoint endpoint;

  /** An unbounded queue, hosted by this process. */
  public Queue() {
    this.endpoint = Queues.create(0);
  }

  /**
   * A queue that holds at most {@code capacity} elements, hosted by this process: a put waits
   * while it is full.
   *
   * @throws IllegalArgumentException if {@code capacity} is less than 1
   */
  public Queue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.endpoint = Queues.create(capacity);
  }

  private Queue(QueueEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * Adds {@code element}, waiting while the queue is full.
   *
   * @throws NullPointerException if {@code element} is null
   * @throws IllegalArgumentException if it is not transferable, naming its type
   * @throws IllegalStateException if the queue is closed, or its host has ended
   */
  public void put(E element) throws InterruptedException {
    endpoint.put(element, -1);
  }

  /**
   * Adds {@code element}, waiting at most {@code timeout} while the queue is full.
   *
   * @return false if the queue was still full after the timeout
   * @throws NullPointerException if {@code element} or {@code timeout} is null
   * @throws IllegalArgumentException if {@code element} is not transferable, naming its type
   * @throws IllegalStateException if the queue is closed, or its host has ended
   */
  public boolean put(E element, Duration timeout) throws InterruptedException {
    return endpoint.put(element, Timeouts.nanos(timeout));
  }

  /**
   * Removes and returns the next element, waiting while the queue is empty.
   *
   * @throws IllegalStateException if the queue is closed, or its host has ended
   */
  public E get() throws InterruptedException {
    return cast(endpoint.get(-1));
  }

  /**
   * Removes and returns the next element, waiting at most {@code timeout} while the queue is
   * empty. As in Python, a get that does not wait ({@link Duration#ZERO}) may miss an element put
   * in another process an instant before: it is on its way to the host.
   *
   * @return empty if the queue was still empty after the timeout
   * @throws IllegalStateException if the queue is closed, or its host has ended
   */
  public Optional<E> get(Duration timeout) throws InterruptedException {
    return Optional.ofNullable(cast(endpoint.get(Timeouts.nanos(timeout))));
  }

  /**
   * The number of elements, approximately, as in Python: puts and gets in other processes may be
   * on their way. In a process other than the host, a round trip to it.
   *
   * @throws IllegalStateException if the queue is closed, or its host has ended
   */
  public int size() {
    return endpoint.size();
  }

  /** Whether {@link #size()} is 0, as approximately. */
  public boolean isEmpty() {
    return size() == 0;
  }

  /**
   * In the host, closes the queue for every process: its elements are dropped, and every call on
   * it, here or elsewhere, throws {@link IllegalStateException} from then on. Elsewhere, this
   * process is done with the queue: its link to the host is closed (the elements it put stay in
   * the queue), and calls on it here throw. Idempotent.
   */
  @Override
  public void close() {
    endpoint.close();
  }

  @Override
  public String toString() {
    return endpoint.toString();
  }


  // Unchecked, as E is erased: an element is what a put on this Queue<E> sent, from any process.
  @SuppressWarnings("unchecked")
  private E cast(Object element) {
    return (E) element;
  }

  private static final class Access extends QueueAccess {
    @Override
    public QueueEndpoint endpoint(Queue<?> queue) {
      return queue.endpoint;
    }

    @Override
    public Queue<?> wrap(QueueEndpoint endpoint) {
      return new Queue<>(endpoint);
    }
  }
}

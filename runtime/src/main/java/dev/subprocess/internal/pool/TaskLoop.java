package dev.subprocess.internal.pool;

import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.hub.Hub;
import dev.subprocess.internal.process.StackTraces;
import dev.subprocess.internal.process.Target;
import dev.subprocess.internal.wire.Arguments;
import dev.subprocess.internal.wire.Failures;
import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.Values;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.io.EOFException;
import java.io.IOException;

/**
 * A worker's work: receives TASKS frames, runs each task in turn on this thread, and sends the
 * results back in order (see {@link Protocol}) until STOP or the end of the link.
 *
 * <p>Results are sent in batches: they go out when nothing more has arrived to run, after a task
 * that took 50 µs or more (a write costs little next to it), when a millisecond has passed since
 * the oldest one waiting, or when 64 KiB of them wait. Small tasks thus cost one write for many;
 * a result waits behind the next task only when the task before it was short.
 *
 * <p>The clock is read after every task while tasks are slow, and after every 2nd, 4th, ... 64th
 * while they take less than 5 µs: a read costs tens of nanoseconds, as much as a tiny task.
 */
final class TaskLoop {
  private static final long FLUSH_NANOS = 1_000_000;
  private static final long LONG_TASK_NANOS = 50_000;
  private static final int FLUSH_BYTES = 64 * 1024;
  private static final long TINY_TASK_NANOS = 5_000;
  private static final int MAX_CLOCK_EVERY = 64;

  private final Link link;
  private final Entries entries = new Entries();
  /**
   * The most the results waiting may take: a quarter of the heap, since a buffer grows by copying
   * itself into one twice its size beside the value being encoded. A result beyond it fails alone
   * instead of running the worker out of memory.
   */
  private final int maxResultBytes =
      (int) Math.min(Integer.MAX_VALUE - 8, Runtime.getRuntime().maxMemory() / 4);

  private WireOutput results = newResults();
  /** Results in {@link #results}, not sent yet. */
  private int waiting;
  /** How long their tasks took. */
  private long waitingNanos;
  /** When the oldest of them was done, near enough. */
  private long oldestWaiting;
  /** The last reading of the clock; tasks run since then are counted in {@link #sinceClock}. */
  private long lastClock;
  private int sinceClock;
  private int clockEvery = 1;
  private byte[] skipped = new byte[256];

  TaskLoop(Link link) {
    this.link = link;
  }

  /**
   * Runs until STOP, then returns; returns as well when the pool closes the link, or refuses it.
   *
   * @throws IOException if the link fails otherwise
   * @throws MalformedMessageException if a frame is not what the protocol says
   */
  void run() throws IOException {
    while (true) {
      WireInput frame;
      try {
        frame = link.receive();
      } catch (EOFException e) {
        return;
      }
      if (waiting == 0) {
        // What follows a wait is timed from now: the wait was not work.
        lastClock = System.nanoTime();
        sinceClock = 0;
      }
      byte kind = frame.readByte();
      if (kind == Hub.REFUSED) {
        // The pool had stopped taking workers when this one connected: it is closing.
        return;
      }
      if (kind == Protocol.STOP) {
        flush();
        return;
      }
      if (kind != Protocol.TASKS) {
        throw new MalformedMessageException("unknown frame kind " + kind);
      }
      runTasks(frame);
      if (waiting > 0 && !link.hasBufferedFrame()) {
        flush();
      }
    }
  }

  private void runTasks(WireInput frame) throws IOException {
    int firstNew = frame.readVarInt();
    int named = frame.readVarInt();
    for (int i = 0; i < named; i++) {
      entries.define(firstNew + i, frame.readString());
    }
    int count = frame.readVarInt();
    for (int i = 0; i < count; i++) {
      int length = frame.readInt();
      runTask(frame, frame.position() + length);
    }
  }

  /** Runs the task whose record ends at {@code end} in {@code frame}, and adds its result. */
  private void runTask(WireInput frame, int end) throws IOException {
    Object value = null;
    Throwable failure = null;
    try {
      Target<?> target = entries.get(frame.readVarInt());
      Object[] arguments = Arguments.read(frame, target.parameterTypes().size());
      if (frame.position() != end) {
        throw new MalformedMessageException(
            "a task's arguments do not end where its record does", frame.position());
      }
      try {
        value = target.call(arguments);
      } catch (Throwable t) {
        failure = StackTraces.trimmed(t, target);
      }
    } catch (IllegalArgumentException | MalformedMessageException e) {
      // The task could not be decoded here (an unknown entry, a class missing): it fails alone.
      failure = e;
      skipTo(frame, end);
    }
    addResult(value, failure);
  }

  /** Skips what is left of a record that could not be decoded. */
  private void skipTo(WireInput frame, int end) {
    int left = end - frame.position();
    if (left < 0) {
      throw new MalformedMessageException("a task record overruns its length", frame.position());
    }
    while (left > 0) {
      int n = Math.min(left, skipped.length);
      frame.readRaw(skipped, 0, n);
      left -= n;
    }
  }

  private void readClock() throws IOException {
    long now = System.nanoTime();
    long elapsed = now - lastClock;
    long perTask = elapsed / sinceClock;
    clockEvery = perTask < TINY_TASK_NANOS ? Math.min(MAX_CLOCK_EVERY, clockEvery * 2) : 1;
    waitingNanos += elapsed;
    lastClock = now;
    sinceClock = 0;
    if (perTask >= LONG_TASK_NANOS || now - oldestWaiting >= FLUSH_NANOS) {
      flush();
    }
  }

  private void addResult(Object value, Throwable failure) throws IOException {
    if (waiting == 0) {
      results.reset();
      results.writeByte(Protocol.RESULTS);
      results.writeInt(0);
      results.writeLong(0);
      oldestWaiting = lastClock;
    }
    int start = results.size();
    results.writeInt(0);
    if (failure == null) {
      results.writeByte(Protocol.RETURNED);
      try {
        Values.write(results, value);
      } catch (RuntimeException | Error e) {
        // A value the pool can't receive, or too large to send: the task fails with the reason,
        // and the results before it in the batch go out as they are.
        results.truncate(start + 4);
        failure =
            e instanceof OutOfMemoryError
                ? new IllegalStateException(
                    "the result is too large to send to the pool (" + e.getMessage() + "; a"
                        + " worker sends results up to a quarter of its heap: give the workers"
                        + " more with the pool's jvmOptions -Xmx)")
                : e;
      }
    }
    if (failure != null) {
      results.writeByte(Protocol.THREW);
      Failures.write(results, failure);
    }
    results.setInt(start, results.size() - start - 4);
    waiting++;
    sinceClock++;
    if (results.size() >= FLUSH_BYTES) {
      flush();
    } else if (sinceClock >= clockEvery) {
      readClock();
    }
  }

  private WireOutput newResults() {
    WireOutput out = new WireOutput(FLUSH_BYTES + 1024);
    out.limit(maxResultBytes);
    return out;
  }

  /** Sends the results waiting, with the time their tasks took. */
  private void flush() throws IOException {
    if (waiting == 0) {
      return;
    }
    if (sinceClock > 0) {
      long now = System.nanoTime();
      waitingNanos += now - lastClock;
      lastClock = now;
      sinceClock = 0;
    }
    results.setInt(1, waiting);
    results.setInt(5, (int) (waitingNanos >>> 32));
    results.setInt(9, (int) waitingNanos);
    waiting = 0;
    waitingNanos = 0;
    link.send(results);
    if (results.array().length > 4 * FLUSH_BYTES) {
      // Don't keep a buffer the size of one huge result for the rest of the worker's life.
      results = newResults();
    }
  }
}

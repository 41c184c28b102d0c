package dev.subprocess.internal.pool;

import dev.subprocess.internal.process.Children;
import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.wire.Failures;
import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.Values;
import dev.subprocess.internal.wire.WireInput;
import java.io.EOFException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Receives what a worker sends: its results, which it decodes and hands to their sinks in the
 * order the tasks were sent, and its notices of how it is ending. Runs on the thread the hub's
 * listener gave the link, until the link ends.
 *
 * <p>Every task it claims is settled, whatever is thrown: a result that can't be decoded (malformed,
 * or too large for this JVM's heap: an {@code OutOfMemoryError}) fails its task alone, and the
 * reader goes on with the next. A frame that breaks the protocol ends the worker, whose end fails
 * what it still held.
 */
final class WorkerReader {
  /** How long a worker that has closed its link may take to exit before it is killed. */
  private static final long EXIT_GRACE_SECONDS = 5;

  private final PoolCore core;
  private final Settlement settlement;
  private final FailureFactory failures;
  private final Worker worker;
  private final Link link;
  /** Where skipped bytes go. */
  private final byte[] scratch = new byte[4096];

  WorkerReader(PoolCore core, Worker worker, Link link) {
    this.core = core;
    this.settlement = core.settlement();
    this.failures = core.failures();
    this.worker = worker;
    this.link = link;
  }

  void run() {
    try {
      while (true) {
        WireInput frame = link.receive();
        byte kind = frame.readByte();
        if (kind == Protocol.RESULTS) {
          results(frame);
        } else if (kind == Protocol.EXITING) {
          worker.exiting = true;
        } else if (kind == Protocol.SIGNALED) {
          worker.signal = frame.readByte();
        } else {
          throw new MalformedMessageException("unknown frame kind " + kind);
        }
      }
    } catch (EOFException e) {
      // The worker exited, or is exiting.
    } catch (Throwable e) {
      // The link failed, the worker broke the protocol, or a frame was too large for this heap:
      // the worker can't be followed further. Its end settles what it held.
      worker.process.destroyForcibly();
      if (e instanceof Error && !(e instanceof OutOfMemoryError)) {
        throw (Error) e;
      }
    } finally {
      try {
        link.close();
        awaitExit();
      } finally {
        core.readerDone(worker);
      }
    }
  }

  private void results(WireInput frame) {
    int count = frame.readInt();
    // Room for more tasks first: the worker gets them while these results are decoded.
    core.returned(worker, count, frame.readLong());
    int settled = 0;
    Sink sink = null;
    try {
      for (int i = 0; i < count; i++) {
        int length = frame.readInt();
        int end = frame.position() + length;

        Job job = worker.current;
        if (job == null || job.received == job.size) {
          job = worker.held.poll();
          if (job == null) {
            throw new MalformedMessageException("a result came for no task");
          }
          worker.current = job;
        }
        int n = job.received++;
        if (sink != job.sink) {
          if (sink != null) {
            sink.delivered();
          }
          sink = job.sink;
        }
        if (job.claimNext(n)) {
          // Counted first: whatever happens next, this task is settled by settle().
          settled++;
          settle(job, job.firstIndex + n, frame, end);
        }
        skipTo(frame, end);
      }
    } finally {
      try {
        settlement.settled(settled);
      } finally {
        if (sink != null) {
          sink.delivered();
        }
      }
    }
  }

  /**
   * Decodes the result that ends at {@code end} in {@code frame} and settles its task, as failed
   * if it can't be decoded. Never throws.
   */
  private void settle(Job job, int index, WireInput frame, int end) {
    Object value;
    RuntimeException failure;
    try {
      byte status = frame.readByte();
      if (status == Protocol.RETURNED) {
        value = Values.read(frame);
        checkEnd(frame, end);
        failure = null;
      } else {
        RuntimeException remote = failures.remoteCause(Failures.readFailure(frame));
        checkEnd(frame, end);
        value = null;
        failure =
            failures.taskFailed(
                "a task failed in " + worker + " with exit code 1: " + remote, 1, worker.pid(),
                remote);
      }
    } catch (Throwable e) {
      // Malformed; a record whose constructor refuses what the worker's accepted; or more than
      // this heap holds. Only this task fails: the next result starts at `end`.
      value = null;
      failure = unreadable(e);
    }
    try {
      if (failure == null) {
        job.sink.succeeded(index, value);
      } else {
        job.sink.failed(index, failure);
      }
    } catch (Throwable e) {
      // A sink that threw (out of memory, say) has not settled the task: once more, as failed.
      job.sink.failed(index, unreadable(e));
    }
  }

  private RuntimeException unreadable(Throwable e) {
    return failures.taskFailed(
        "the result of a task that ran in " + worker + " could not be read: " + e, 1, worker.pid(),
        null);
  }

  private static void checkEnd(WireInput frame, int end) {
    if (frame.position() != end) {
      throw new MalformedMessageException(
          "a result does not end where its record does", frame.position());
    }
  }

  /** Skips what is left of a result record (all of it, for a task settled already). */
  private void skipTo(WireInput frame, int end) {
    int left = end - frame.position();
    if (left < 0) {
      throw new MalformedMessageException("a result record overruns its length", frame.position());
    }
    while (left > 0) {
      int n = Math.min(left, scratch.length);
      frame.readRaw(scratch, 0, n);
      left -= n;
    }
  }

  /** Waits for the worker's exit, as the runtime's waiter of its pid reports it. */
  private void awaitExit() {
    try {
      Children.exited(worker.process).get(EXIT_GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      worker.process.destroyForcibly();
    } catch (InterruptedException e) {
      worker.process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

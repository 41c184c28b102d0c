package dev.subprocess.internal.pool;

import dev.subprocess.RemoteException;
import dev.subprocess.SubprocessException;
import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.wire.Failures;
import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.Values;
import dev.subprocess.internal.wire.WireInput;
import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Receives what a worker sends: its results, which it decodes and hands to their sinks in the
 * order the tasks were sent, and its notices of how it is ending. Runs on the thread its {@link
 * dev.subprocess.internal.channel.Listener} gave the link, until the link ends.
 */
final class WorkerReader {
  /** How long a worker that has closed its link may take to exit before it is killed. */
  private static final long EXIT_GRACE_SECONDS = 5;

  private final Dispatcher dispatcher;
  private final Worker worker;
  private final Link link;
  /** Where skipped bytes go. */
  private final byte[] scratch = new byte[4096];

  WorkerReader(Dispatcher dispatcher, Worker worker, Link link) {
    this.dispatcher = dispatcher;
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
    } catch (IOException | RuntimeException | Error e) {
      // The link failed, or the worker broke the protocol: it can't be trusted further. Its end
      // settles what it held.
      worker.process.destroyForcibly();
      if (e instanceof Error) {
        throw (Error) e;
      }
    } finally {
      link.close();
      try {
        awaitExit();
      } finally {
        dispatcher.readerDone(worker);
      }
    }
  }

  private void results(WireInput frame) {
    int count = frame.readInt();
    // Room for more tasks first: the worker gets them while these results are decoded.
    dispatcher.returned(worker, count, frame.readLong());
    int settled = 0;
    Sink sink = null;
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
      byte status = frame.readByte();
      if (job.claimNext(n)) {
        settle(job, job.firstIndex + n, status, frame, end);
        settled++;
      }
      skipTo(frame, end);
    }
    if (sink != null) {
      sink.delivered();
    }
    dispatcher.settled(settled);
  }

  /** Decodes the result that ends at {@code end} in {@code frame} and settles its task. */
  private void settle(Job job, int index, byte status, WireInput frame, int end) {
    try {
      if (status == Protocol.RETURNED) {
        Object value = Values.read(frame);
        checkEnd(frame, end);
        job.sink.succeeded(index, value);
      } else {
        RemoteException remote = Failures.read(frame);
        checkEnd(frame, end);
        job.sink.failed(
            index,
            new SubprocessException(
                "a task failed in " + worker + " with exit code 1: " + remote,
                1,
                worker.pid(),
                remote));
      }
    } catch (RuntimeException e) {
      // Malformed, or a record whose constructor refuses what the worker's accepted.
      job.sink.failed(
          index,
          new SubprocessException(
              "the result of a task that ran in " + worker + " could not be read: " + e,
              1,
              worker.pid(),
              e));
    }
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

  private void awaitExit() {
    try {
      if (!worker.process.waitFor(EXIT_GRACE_SECONDS, TimeUnit.SECONDS)) {
        worker.process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      worker.process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

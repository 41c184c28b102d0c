package dev.subprocess.internal.pool;

import dev.subprocess.internal.wire.WireOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The thread that sends a worker its tasks: it takes every job in the worker's outbox at once and
 * sends them in as few frames as it can, then STOP when the pool says so. The only thread that
 * writes to the worker's link; the worker's reader never writes, so neither side can block the
 * other with a full socket buffer.
 */
final class WorkerWriter implements Runnable {
  /** A frame grows to about this size before the next one starts. */
  private static final int FRAME_BYTES = 256 * 1024;

  private final PoolCore core;
  private final Worker worker;
  private final EntryIds entryIds;
  private final List<Job> jobs = new ArrayList<>();
  private WireOutput frame = new WireOutput(8 * 1024);
  /** The entries the worker knows: those numbered below this. */
  private int named;

  WorkerWriter(PoolCore core, Worker worker, EntryIds entryIds) {
    this.core = core;
    this.worker = worker;
    this.entryIds = entryIds;
  }

  @Override
  public void run() {
    try {
      while (true) {
        boolean stop = core.awaitOutbox(worker, jobs);
        send();
        if (stop) {
          WireOutput out = new WireOutput(1);
          out.writeByte(Protocol.STOP);
          worker.link.send(out);
          return;
        }
      }
    } catch (IOException e) {
      // The worker has gone; its reader sees the end of the link and the pool settles the rest.
    } catch (InterruptedException e) {
      // The pool ended.
    } catch (RuntimeException | Error e) {
      // Tasks it holds would never be sent: the worker's end settles them.
      worker.process.destroyForcibly();
      throw e;
    }
  }

  private void send() throws IOException {
    int from = 0;
    while (from < jobs.size()) {
      int to = from;
      int tasks = 0;
      int bytes = 0;
      int maxEntry = -1;
      // A job joins the frame if the frame stays within FRAME_BYTES; a larger job goes alone, so
      // that a frame is never larger than its largest job and a few launcher names.
      while (to < jobs.size()
          && (to == from || bytes + (long) jobs.get(to).tasks.length <= FRAME_BYTES)) {
        Job job = jobs.get(to++);
        tasks += job.size;
        bytes += job.tasks.length;
        maxEntry = Math.max(maxEntry, job.maxEntry);
      }
      frame.reset();
      frame.writeByte(Protocol.TASKS);
      frame.writeVarInt(named);
      int newEntries = Math.max(0, maxEntry + 1 - named);
      frame.writeVarInt(newEntries);
      for (int i = 0; i < newEntries; i++) {
        frame.writeString(entryIds.launcher(named + i));
      }
      frame.writeVarInt(tasks);
      for (int i = from; i < to; i++) {
        byte[] records = jobs.get(i).tasks;
        frame.writeRaw(records, 0, records.length);
      }
      worker.link.send(frame);
      named += newEntries;
      from = to;
    }
    jobs.clear();
    if (frame.array().length > 4 * FRAME_BYTES) {
      frame = new WireOutput(8 * 1024);
    }
  }
}

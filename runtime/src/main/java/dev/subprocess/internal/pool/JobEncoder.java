package dev.subprocess.internal.pool;

import dev.subprocess.internal.process.Invocation;
import dev.subprocess.internal.process.Target;
import dev.subprocess.internal.wire.Arguments;
import dev.subprocess.internal.wire.WireOutput;

/**
 * Encodes tasks, one after the other, into the records of a {@link Job}. Used by one thread, the
 * submitter's: a task with an argument that is not transferable, or too large to send, is refused
 * right there.
 */
final class JobEncoder {
  /**
   * The most a job's records may take: a frame's limit, less room for what a TASKS frame adds to
   * them (the launcher names the worker has not seen yet).
   */
  private static final int MAX_BYTES = Integer.MAX_VALUE - 8 - (1 << 20);

  private final EntryIds entryIds;
  private final WireOutput out;
  private int tasks;
  private int maxEntry = -1;
  /** The target of the last task and its number: the tasks of a map mostly call one method. */
  private Target<?> lastTarget;
  private int lastNumber;

  JobEncoder(EntryIds entryIds, int initialCapacity) {
    this.entryIds = entryIds;
    this.out = new WireOutput(initialCapacity);
  }

  /**
   * Appends a task.
   *
   * @throws IllegalArgumentException if an argument is not transferable, or the arguments are too
   *     large; nothing is appended
   */
  void add(Invocation<?> call) {
    int start = out.size();
    Target<?> target = call.target();
    if (target != lastTarget) {
      lastNumber = entryIds.numberOf(target);
      lastTarget = target;
    }
    int entry = lastNumber;
    try {
      out.writeInt(0);
      out.writeVarInt(entry);
      Arguments.write(out, call.arguments());
    } catch (RuntimeException | Error e) {
      // Nothing of a task that could not be encoded stays, whatever stopped it (too large).
      out.truncate(start);
      throw e;
    }
    if (out.size() > MAX_BYTES) {
      int length = out.size() - start - 4;
      out.truncate(start);
      throw new IllegalArgumentException(
          "a task's arguments are too large to send to a worker: " + length + " bytes encoded");
    }
    out.setInt(start, out.size() - start - 4);
    tasks++;
    maxEntry = Math.max(maxEntry, entry);
  }

  /** The tasks appended since the last job. */
  int tasks() {
    return tasks;
  }

  /** The bytes appended since the last job. */
  int bytes() {
    return out.size();
  }

  /** The tasks appended so far as a job whose first task is {@code firstIndex} in {@code sink}. */
  Job finish(Sink sink, int firstIndex) {
    Job job = new Job(sink, firstIndex, tasks, out.toByteArray(), maxEntry);
    out.reset();
    tasks = 0;
    maxEntry = -1;
    return job;
  }
}

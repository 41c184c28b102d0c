package dev.subprocess.internal.pool;

import dev.subprocess.internal.channel.Link;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Condition;

/**
 * The pool's view of one worker JVM.
 *
 * <p>Lifecycle: {@code STARTING -> READY -> RETIRING -> ENDED}, or {@code STARTING -> ENDED} for a
 * worker that never connected (a start failure). READY: it has connected and takes tasks.
 * RETIRING: it has been told to STOP after the tasks it holds (its quota of tasks is spent, or
 * the pool is closing). ENDED: its process has exited and its link is read to the end.
 *
 * <p>Fields are guarded by the pool's lock unless said otherwise.
 */
final class Worker {
  enum State {
    STARTING,
    READY,
    RETIRING,
    ENDED
  }

  final int id;
  final String name;
  final java.lang.Process process;
  /** Signalled when the writer has something to do. */
  final Condition writerWake;
  /** What the scheduler knows of it. */
  Scheduler.Seat<Worker> seat;

  State state = State.STARTING;
  Link link;
  /** The jobs to send, in order. */
  final ArrayDeque<Job> outbox = new ArrayDeque<>();
  boolean stopQueued;
  boolean readerRunning;
  boolean processExited;
  /** Whether the replacement of this worker has been started already. */
  boolean replaced;
  /** The initializer's failure, if the worker reported one in its hello. */
  RuntimeException initializerFailure;

  /** The jobs held, in the order sent: added under the lock, taken by the reader without it. */
  final ConcurrentLinkedQueue<Job> held = new ConcurrentLinkedQueue<>();
  /** The job whose results the reader is receiving; written by the reader. */
  volatile Job current;
  /** What the worker said of its end (see ExitNotice); written by the reader. */
  volatile boolean exiting;
  volatile int signal;

  Worker(int id, String name, java.lang.Process process, Condition writerWake) {
    this.id = id;
    this.name = name;
    this.process = process;
    this.writerWake = writerWake;
  }

  long pid() {
    return process.pid();
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}

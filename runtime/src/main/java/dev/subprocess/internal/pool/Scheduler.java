package dev.subprocess.internal.pool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which worker gets which job: the backlog of jobs waiting for a worker, each worker's window, and
 * when a worker has run its quota of tasks ({@code maxTasksPerChild}) and must retire. Knows no
 * process, thread or socket: it decides, and a {@link Decisions} carries the decisions out.
 *
 * <pre>{@code
 * Seat<W> seat = scheduler.seat(worker);   // a worker that is starting: it takes nothing yet
 * scheduler.open(seat);                    // it has connected: assign(worker, job) may follow
 * scheduler.submit(job);                   // to the least busy open seat with room, or the backlog
 * scheduler.returned(seat, count, nanos);  // results came back: room for more
 * scheduler.close(seat);                   // it takes no more (it retires, or has ended)
 * }</pre>
 *
 * <p>The window keeps about two milliseconds of work at each worker, judged by how long tasks
 * have been taking: many tiny tasks are in flight at once and go out and come back in batches,
 * while a long task is given to a worker only when it is free, as in Python's pool. A seat whose
 * quota is spent, or whose quota the next job does not fit in while it holds nothing, is retired:
 * closed, and {@link Decisions#retire} is called (jobs never exceed a whole quota).
 *
 * <p>Not thread-safe: the pool calls it under its lock, and the decisions are called back
 * synchronously, under that lock. {@link #averageNanos()} alone may be read from any thread.
 *
 * @param <W> what the pool knows a worker by
 */
final class Scheduler<W> {
  /** How much work, in time, the window keeps queued at a worker. */
  static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  /** The most tasks a worker holds at once. */
  static final int MAX_WINDOW = 16 * 1024;

  /** What the scheduler has decided; called under the pool's lock. */
  interface Decisions<W> {
    /** Send {@code job} to {@code worker}, after the jobs assigned to it before. */
    void assign(W worker, Job job);

    /** {@code worker} has spent its quota: stop it once it has run what it holds, replace it. */
    void retire(W worker);
  }

  /** The scheduler's view of one worker. */
  static final class Seat<W> {
    final W worker;
    /** Whether it takes jobs. */
    boolean open;
    /** Tasks assigned whose results have not come back. */
    int held;
    /** Tasks it may still be given; MAX_VALUE without a quota. */
    int quotaLeft;

    Seat(W worker, int quota) {
      this.worker = worker;
      this.quotaLeft = quota;
    }

    @Override
    public String toString() {
      return worker + (open ? " open" : " closed") + ", held " + held + ", quota " + quotaLeft;
    }
  }

  private final int maxTasksPerChild;
  private final Decisions<W> decisions;
  private final ArrayDeque<Job> backlog = new ArrayDeque<>();
  private final List<Seat<W>> seats = new ArrayList<>();
  /** How long tasks take, on average lately; −1 until a result has come. */
  private volatile long averageNanos = -1;

  /** @param maxTasksPerChild 0 for no quota */
  Scheduler(int maxTasksPerChild, Decisions<W> decisions) {
    this.maxTasksPerChild = maxTasksPerChild;
    this.decisions = decisions;
  }

  /** A worker that is starting: it takes jobs once {@link #open opened}. */
  Seat<W> seat(W worker) {
    Seat<W> seat = new Seat<>(worker, maxTasksPerChild > 0 ? maxTasksPerChild : Integer.MAX_VALUE);
    seats.add(seat);
    return seat;
  }

  /** The worker takes jobs from now on. */
  void open(Seat<W> seat) {
    seat.open = true;
    schedule();
  }

  /** The worker takes no more jobs, and is forgotten: it is retiring, or has ended. */
  void close(Seat<W> seat) {
    seat.open = false;
    seats.remove(seat);
  }

  /** Queues a job; it goes to a worker at once if one has room. */
  void submit(Job job) {
    backlog.addLast(job);
    schedule();
  }

  /** Queues jobs, in order. */
  void submitAll(List<Job> jobs) {
    backlog.addAll(jobs);
    schedule();
  }

  /**
   * A worker has returned the results of {@code count} tasks, which took it {@code nanos} in all:
   * makes room for more.
   */
  void returned(Seat<W> seat, int count, long nanos) {
    if (count == 0) {
      return;
    }
    seat.held -= count;
    long mean = nanos / count;
    long average = averageNanos;
    averageNanos = average < 0 ? mean : (3 * average + mean) / 4;
    schedule();
  }

  /** Removes and returns the jobs no worker has been given. */
  List<Job> drainBacklog() {
    List<Job> jobs = new ArrayList<>(backlog);
    backlog.clear();
    return jobs;
  }

  boolean hasBacklog() {
    return !backlog.isEmpty();
  }

  /** How long tasks have been taking lately, in nanoseconds; −1 before the first result. */
  long averageNanos() {
    return averageNanos;
  }

  /** How many tasks a worker may hold now. */
  int window() {
    long average = averageNanos;
    if (average < 0) {
      return 1;
    }
    return (int) Math.max(1, Math.min(MAX_WINDOW, WINDOW_NANOS / Math.max(1, average)));
  }

  /** Moves jobs from the backlog to the least busy seats that have room; retires spent seats. */
  private void schedule() {
    int window = window();
    while (!backlog.isEmpty()) {
      Job job = backlog.peekFirst();
      Seat<W> best = null;
      for (int i = 0, n = seats.size(); i < n; i++) {
        Seat<W> s = seats.get(i);
        if (s.open && s.held < window && job.size <= s.quotaLeft
            && (best == null || s.held < best.held)) {
          best = s;
        }
      }
      if (best == null) {
        break;
      }
      backlog.pollFirst();
      best.held += job.size;
      if (maxTasksPerChild > 0) {
        best.quotaLeft -= job.size;
      }
      decisions.assign(best.worker, job);
    }
    if (maxTasksPerChild > 0) {
      retireSpent();
    }
  }

  private void retireSpent() {
    Job next = backlog.peekFirst();
    List<Seat<W>> spent = null;
    for (Seat<W> s : seats) {
      if (s.open && (s.quotaLeft == 0 || (next != null && s.held == 0 && next.size > s.quotaLeft))) {
        if (spent == null) {
          spent = new ArrayList<>();
        }
        spent.add(s);
      }
    }
    if (spent != null) {
      for (Seat<W> s : spent) {
        close(s);
        decisions.retire(s.worker);
      }
    }
  }
}

/**
 * The engine of {@link dev.subprocess.Pool}. Not API.
 *
 * <p>Parent side: the {@link dev.subprocess.internal.pool.Dispatcher} owns the workers, the backlog
 * of submitted jobs and the lifecycle, under one lock. Tasks are encoded on the submitter's thread
 * into {@link dev.subprocess.internal.pool.Job}s (one task for {@code applyAsync}, a batch for
 * {@code map} and {@code imap}); a job goes to the least busy worker that has room in its window;
 * each worker has a {@link dev.subprocess.internal.pool.WorkerWriter} thread that sends what it is
 * given in as few frames as it can, and a {@link dev.subprocess.internal.pool.WorkerReader} thread
 * that settles results in order into their {@link dev.subprocess.internal.pool.Sink}s (a future, or
 * the slots of an iterator) and makes room for more. A third thread per worker waits for its
 * process to exit: the end of a worker settles whatever it still held.
 *
 * <p>Worker side: {@link dev.subprocess.internal.pool.WorkerMain}, a child JVM that connects back
 * to the pool's listener and runs tasks in order ({@code TaskLoop}), finding each method through the
 * processor's index of launchers ({@code Entries}). The frames are in {@code Protocol}.
 */
package dev.subprocess.internal.pool;

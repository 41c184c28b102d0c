/**
 * The engine of the API's {@code Pool}. Not API; it names no API type: tasks come in as {@link
 * dev.subprocess.internal.process.Invocation}s, failures come back from workers as {@link
 * dev.subprocess.internal.wire.RemoteFailure} data, and go out as the exceptions of the {@link
 * dev.subprocess.internal.pool.FailureFactory} the pool gives it.
 *
 * <p>Parent side, under one {@link dev.subprocess.internal.pool.PoolLock} held by the {@link
 * dev.subprocess.internal.pool.PoolCore} (the lifecycle): tasks are encoded on the submitter's thread into {@link
 * dev.subprocess.internal.pool.Job}s (one task for {@code applyAsync}, a batch for {@code map} and
 * {@code imap}); the {@link dev.subprocess.internal.pool.Scheduler} gives each job to the least
 * busy worker that has room in its window, and retires workers whose quota is spent; the {@link
 * dev.subprocess.internal.pool.WorkerSet} starts workers through a {@link
 * dev.subprocess.internal.pool.WorkerLauncher} and hears of their exit from the runtime's waiter
 * of their pid; the {@link dev.subprocess.internal.pool.WorkerEvents} decide what a worker's
 * connection, exit and end mean (its tasks failed, a replacement, a broken pool). Each worker has a {@link dev.subprocess.internal.pool.WorkerWriter} thread that
 * sends what it is given in as few frames as it can, and a {@link
 * dev.subprocess.internal.pool.WorkerReader} thread that settles results in order into their
 * {@link dev.subprocess.internal.pool.Sink}s (a future, or the slots of an iterator) and makes room
 * for more. The {@link dev.subprocess.internal.pool.Settlement} sees that every task is settled
 * once, whatever is thrown, and counts those that are not yet.
 *
 * <p>Worker side: {@link dev.subprocess.internal.pool.WorkerMain}, a child JVM that connects back
 * to the pool through the parent's hub ({@code WorkerGate}), with a key that opens that pool
 * only, and runs tasks in order ({@code TaskLoop}), finding each method through the processor's
 * index of launchers ({@code Entries}). The frames are in {@code Protocol}.
 */
package dev.subprocess.internal.pool;

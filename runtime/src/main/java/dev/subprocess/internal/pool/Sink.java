package dev.subprocess.internal.pool;


/**
 * Where the results of a pool's tasks go: a future, or the results of a {@code map}. Tasks are
 * numbered by the index their submitter gave them.
 *
 * <p>Called by the pool's threads: a worker's reader delivers a run of results, then calls {@link
 * #delivered()} once. A task may be settled twice when {@code terminate()} races with its result:
 * the first settlement wins, the second is ignored.
 */
interface Sink {
  void succeeded(int index, Object value);

  void failed(int index, RuntimeException failure);

  /** A run of results has been delivered: wake whoever waits for them. */
  void delivered();
}

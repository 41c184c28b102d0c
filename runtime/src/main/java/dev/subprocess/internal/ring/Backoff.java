package dev.subprocess.internal.ring;

/**
 * How long a side of a ring keeps looking before it parks: a message that follows within a few
 * microseconds (a reply, the next put of a busy producer) is then taken with no system call on
 * either side. It spins, then parks. It never yields: on a busy machine {@code Thread.yield()}
 * hands the core to another program for a whole time slice, milliseconds, where sleeping until a
 * doorbell costs tens of microseconds.
 *
 * <pre>{@code
 * long start = System.nanoTime();
 * for (int i = 0; !ready(); i++) {
 *   if (!Backoff.idle(i, start)) { park(); }
 * }
 * }</pre>
 */
public final class Backoff {
  /** How long to spin. */
  static final long SPIN_NANOS = 20_000;

  private Backoff() {}

  /**
   * Waits a little; false once the time to look is over and the caller should park.
   *
   * @param attempt how many times the caller has looked
   * @param start when it started looking
   */
  public static boolean idle(int attempt, long start) {
    if ((attempt & 63) == 63 && System.nanoTime() - start > SPIN_NANOS) {
      return false;
    }
    Thread.onSpinWait();
    return true;
  }
}

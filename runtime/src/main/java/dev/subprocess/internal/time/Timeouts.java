package dev.subprocess.internal.time;

import java.time.Duration;
import java.util.Objects;

/**
 * The one conversion of a user's {@link Duration} timeout into nanoseconds, so that every
 * blocking call treats a huge, zero or negative timeout alike: negative counts as zero, and one too
 * large for a {@code long} of nanoseconds saturates at {@link #FOREVER}, which is far enough below
 * {@link Long#MAX_VALUE} that {@code System.nanoTime() + nanos} never overflows.
 */
public final class Timeouts {
  /** The longest wait in nanoseconds: about 73 years. */
  public static final long FOREVER = Long.MAX_VALUE >> 2;

  private Timeouts() {}

  /**
   * {@code timeout} in nanoseconds, from 0 to {@link #FOREVER}.
   *
   * @throws NullPointerException if {@code timeout} is null
   */
  public static long nanos(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      return 0;
    }
    // Above FOREVER's seconds toNanos() may overflow; below it, it cannot.
    if (timeout.getSeconds() >= FOREVER / 1_000_000_000L) {
      return FOREVER;
    }
    return Math.min(timeout.toNanos(), FOREVER);
  }

  /** The {@link System#nanoTime()} at which a wait of {@code nanos} from now ends. */
  public static long deadline(long nanos) {
    return System.nanoTime() + Math.min(Math.max(nanos, 0), FOREVER);
  }
}

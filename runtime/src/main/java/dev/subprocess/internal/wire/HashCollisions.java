package dev.subprocess.internal.wire;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Counts, while a set or a map is decoded, the pairs of its keys that share a hash code, and
 * refuses the message once they exceed {@value #PAIRS_PER_KEY} per key. A hash table spends an
 * {@code equals} on each such pair when the keys are not {@link Comparable} (records, lists,
 * sets, maps), so a forged map whose keys all collide would take time quadratic in its size; with
 * this bound the time stays linear. Keys that happen to collide, as the points of a grid do
 * (a record's hash code is {@code 31 * x + y}), stay well within it; a set or map of at most
 * {@value #SMALL} keys is never refused.
 *
 * <p>The hash codes are kept in an open-addressing table whose slots are chosen by multiplying by
 * an odd number drawn at random once per JVM, so that no message can aim its distinct hash codes
 * at one cluster of slots. Not thread-safe: one per set or map being read.
 */
final class HashCollisions {
  /** Up to this many keys, collisions are not counted. */
  static final int SMALL = 64;

  /** Pairs of keys with one hash code allowed for each key read. */
  static final int PAIRS_PER_KEY = 128;

  private static final int MULTIPLIER = ThreadLocalRandom.current().nextInt() | 1;

  private int[] hashes;
  private int[] counts; // 0 marks a free slot
  private int shift;
  private int distinct;
  private int keys;
  private long pairs;

  HashCollisions(int expectedKeys) {
    int capacity = Integer.highestOneBit(Math.max(16, Math.min(expectedKeys, 1 << 12)) * 2 - 1) << 1;
    hashes = new int[capacity];
    counts = new int[capacity];
    shift = 32 - Integer.numberOfTrailingZeros(capacity);
  }

  /**
   * Counts a key of hash code {@code hash}.
   *
   * @throws MalformedMessageException once the keys so far share hash codes beyond the bound
   */
  void add(int hash, int at) {
    keys++;
    int slot = slotOf(hash);
    while (counts[slot] != 0 && hashes[slot] != hash) {
      slot = (slot + 1) & (hashes.length - 1);
    }
    pairs += counts[slot]; // the new key pairs with each earlier one of its hash code
    if (counts[slot]++ == 0) {
      hashes[slot] = hash;
      if (++distinct > hashes.length / 2) {
        grow();
      }
    }
    if (pairs > (long) PAIRS_PER_KEY * Math.max(keys, SMALL)) {
      throw new MalformedMessageException(
          "too many keys share a hash code: " + pairs + " pairs among the first " + keys
              + " keys of a set or map",
          at);
    }
  }

  private int slotOf(int hash) {
    return (hash * MULTIPLIER) >>> shift;
  }

  private void grow() {
    int[] oldHashes = hashes;
    int[] oldCounts = counts;
    hashes = new int[oldHashes.length * 2];
    counts = new int[oldHashes.length * 2];
    shift--;
    for (int i = 0; i < oldHashes.length; i++) {
      if (oldCounts[i] != 0) {
        int slot = slotOf(oldHashes[i]);
        while (counts[slot] != 0) {
          slot = (slot + 1) & (hashes.length - 1);
        }
        hashes[slot] = oldHashes[i];
        counts[slot] = oldCounts[i];
      }
    }
  }
}

package dev.subprocess.internal.pool;

import dev.subprocess.internal.process.Target;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pool's numbering of the targets its tasks call, 0 up, in the order of first use; a worker
 * learns a launcher's name once and its number after that. Thread-safe.
 */
final class EntryIds {
  private final Map<Target<?>, Integer> numbers = new IdentityHashMap<>();
  private final List<String> launchers = new ArrayList<>();

  synchronized int numberOf(Target<?> target) {
    Integer number = numbers.get(target);
    if (number == null) {
      number = launchers.size();
      numbers.put(target, number);
      launchers.add(target.id());
    }
    return number;
  }

  synchronized String launcher(int number) {
    return launchers.get(number);
  }
}

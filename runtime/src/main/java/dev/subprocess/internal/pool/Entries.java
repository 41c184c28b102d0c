package dev.subprocess.internal.pool;

import dev.subprocess.internal.process.Target;
import dev.subprocess.internal.wire.MalformedMessageException;
import java.util.Arrays;

/**
 * A worker's table of the targets its pool has named, by the pool's numbers, which name them in
 * order, 0 up, each once. A launcher is loaded
 * only if the processor listed it in {@link Target#INDEX_DIRECTORY}: a worker runs {@code
 * @Subprocess} methods and nothing else, whatever class name arrives.
 *
 * <p>Used by the worker's task thread only.
 */
final class Entries {
  private Target<?>[] targets = new Target<?>[8];
  private String[] refusals = new String[8];
  /** The targets named so far, numbered 0 to {@code defined - 1}. */
  private int defined;

  /**
   * Resolves the launcher numbered {@code number}; a refusal is kept and thrown when a task names
   * it.
   *
   * @throws MalformedMessageException if {@code number} is not the next in order: the table grows
   *     by one entry per name that came, never to a size that a number alone asks for
   */
  void define(int number, String launcher) {
    if (number != defined) {
      throw new MalformedMessageException(
          "entry " + number + " named where entry " + defined + " is the next");
    }
    if (number == targets.length) {
      targets = Arrays.copyOf(targets, number * 2);
      refusals = Arrays.copyOf(refusals, number * 2);
    }
    defined++;
    try {
      targets[number] = resolve(launcher);
    } catch (IllegalArgumentException e) {
      refusals[number] = e.getMessage();
    }
  }

  /**
   * The target numbered {@code number}.
   *
   * @throws IllegalArgumentException if the pool never named it or it is not a launcher
   */
  Target<?> get(int number) {
    if (number >= 0 && number < defined && targets[number] != null) {
      return targets[number];
    }
    if (number >= 0 && number < defined && refusals[number] != null) {
      throw new IllegalArgumentException(refusals[number]);
    }
    throw new IllegalArgumentException("no entry numbered " + number + " was named to this worker");
  }

  /**
   * The target of the launcher named {@code launcher}, loaded if it is listed in the index.
   *
   * @throws IllegalArgumentException if it is not listed, or not a launcher
   */
  static Target<?> resolve(String launcher) {
    Target<?> target = Target.registered(launcher);
    if (target != null) {
      return target;
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = ClassLoader.getSystemClassLoader();
    }
    if (loader.getResource(Target.INDEX_DIRECTORY + launcher) == null) {
      throw new IllegalArgumentException(
          launcher + " is not a @Subprocess launcher on the worker's class path; a pool worker"
              + " runs only @Subprocess methods");
    }
    try {
      // Initializing the launcher creates its target, which registers itself.
      Class.forName(launcher, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(
          "cannot load the launcher " + launcher + " in the worker: " + e, e);
    }
    target = Target.registered(launcher);
    if (target == null) {
      throw new IllegalArgumentException(launcher + " is listed but is not a launcher");
    }
    return target;
  }
}

package dev.subprocess.tests;

import dev.subprocess.Pool;
import dev.subprocess.SubprocessException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The main of a parent JVM that {@link PoolTest} starts with a small heap: its pool's worker
 * returns a result that this JVM cannot decode ({@link PoolMethods#letters}), between results it
 * can. Prints one line per call, then {@code closed} once the pool is closed.
 */
public final class PoolParent {
  /** Letters whose decoding a heap of 32 MiB cannot hold. */
  static final int TOO_MANY_LETTERS = 3_000_000;

  private PoolParent() {}

  public static void main(String[] args) throws Exception {
    try (Pool pool = new Pool(1)) {
      Iterator<List<String>> it = pool.imap(LettersProcess::task, List.of(TOO_MANY_LETTERS, 1));
      report("imap first", () -> it.next().size());
      report("imap second", () -> it.next().size());
      CompletableFuture<List<String>> future = pool.applyAsync(LettersProcess.task(TOO_MANY_LETTERS));
      report("applyAsync", () -> future.get().size());
      report("apply", () -> pool.apply(LettersProcess.task(2)).size());
    }
    System.out.println("closed");
  }

  private static void report(String call, Callable<Integer> size) {
    String outcome;
    try {
      outcome = Integer.toString(size.call());
    } catch (SubprocessException e) {
      outcome = "failed: " + e.getMessage().replace('\n', ' ');
    } catch (ExecutionException e) {
      outcome = "failed: " + e.getCause().getMessage().replace('\n', ' ');
    } catch (Exception e) {
      outcome = "threw " + e;
    }
    System.out.println(call + ": " + outcome);
    System.out.flush();
  }
}

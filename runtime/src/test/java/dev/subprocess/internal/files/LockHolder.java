package dev.subprocess.internal.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * For tests: the main of a second JVM that locks a file as another JVM's runtime would.
 *
 * <ul>
 *   <li>{@code hold <file>}: locks the file, prints {@code locked}, and holds the lock until its
 *       standard input ends;
 *   <li>{@code probe <file>}: prints {@code held} if another process holds a lock on the file,
 *       {@code free} if not, {@code missing} if there is no such file.
 * </ul>
 */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws IOException {
    try (FileChannel channel =
        FileChannel.open(Paths.get(args[1]), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (args[0].equals("probe")) {
        System.out.println(lock == null ? "held" : "free");
        return;
      }
      if (lock == null) {
        System.out.println("held by another process");
        return;
      }
      System.out.println("locked");
      System.out.flush();
      while (System.in.read() >= 0) {
        // Hold the lock until the test closes our standard input.
      }
    } catch (NoSuchFileException e) {
      System.out.println("missing");
    }
  }
}

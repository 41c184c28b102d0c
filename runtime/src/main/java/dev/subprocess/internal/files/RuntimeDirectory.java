package dev.subprocess.internal.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The one private folder of this JVM for whatever the runtime puts on disk (outcome files,
 * sockets): mode 0700, its files 0600, created on first use under {@code java.io.tmpdir} as
 * {@code subprocess-<pid>-<random>}, and removed when this JVM exits. A child that hosts nothing
 * never makes one: it writes its outcome into its parent's.
 *
 * <p>Liveness is a lock, not a pid: the folder holds a file {@value #LOCK} on which this JVM holds
 * a lock ({@link FileChannel#tryLock()}, released by the kernel however the JVM ends) for the
 * whole of its life. A JVM that dies by SIGKILL can't remove its folder; the next JVM that creates
 * one removes the folders of this user whose lock it can take. A pid would not do: JVMs in other
 * PID namespaces (containers) may share the same {@code /tmp}, and their pids are not visible
 * here. The folder is made under a name the sweep does not take for a live folder ({@code
 * .subprocess-...}), locked, and only then renamed, so that no sweep ever sees it unlocked.
 *
 * <p>Thread-safe.
 */
public final class RuntimeDirectory {
  /** The file of each folder that its JVM keeps locked. */
  static final String LOCK = "lock";

  private static final String PREFIX = "subprocess-";
  private static final String STAGING_PREFIX = "." + PREFIX;
  /** How long a folder being made may stay without its lock file before a sweep removes it. */
  private static final long STAGING_GRACE_MILLIS = TimeUnit.MINUTES.toMillis(1);
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private static volatile Path path;
  /** Open and locked for the life of this JVM: never closed, never collected. */
  private static FileChannel lock;
  private static final AtomicLong NEXT_FILE = new AtomicLong();

  private RuntimeDirectory() {}

  /** The folder, created on first call. */
  public static Path path() {
    Path p = path;
    if (p == null) {
      synchronized (RuntimeDirectory.class) {
        p = path;
        if (p == null) {
          p = create();
          path = p;
        }
      }
    }
    return p;
  }

  /** A new empty file of mode 0600 in the folder, named {@code <kind>-<n>}. */
  public static Path newFile(String kind) {
    Path file = newPath(kind);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
    return file;
  }

  /** A fresh name in the folder, for a socket say; nothing is created. */
  public static Path newPath(String kind) {
    return path().resolve(kind + "-" + NEXT_FILE.incrementAndGet());
  }

  /** Restricts an existing file of the folder, a bound socket say, to its owner. */
  public static void restrict(Path file) {
    try {
      Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restrict " + file, e);
    }
  }

  /** Called with the class's lock held. */
  private static Path create() {
    Path base = Paths.get(System.getProperty("java.io.tmpdir"));
    removeStale(base);
    Path staging;
    try {
      staging =
          Files.createTempDirectory(
              base, STAGING_PREFIX + ProcessHandle.current().pid() + "-", OWNER_ONLY_DIRECTORY);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a private folder in " + base, e);
    }
    try {
      FileChannel channel =
          FileChannel.open(
              staging.resolve(LOCK),
              EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
      if (channel.tryLock() == null) {
        channel.close();
        throw new IOException("another process holds the lock of a folder just made");
      }
      Path created = base.resolve(staging.getFileName().toString().substring(1));
      Files.move(staging, created, StandardCopyOption.ATOMIC_MOVE);
      lock = channel;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(new Remover(created), "dev.subprocess cleanup"));
      return created;
    } catch (IOException e) {
      delete(staging);
      throw new UncheckedIOException("cannot create a private folder in " + base, e);
    }
  }

  /**
   * Removes the folders of this user's JVMs that are gone: those whose lock it can take. A folder
   * without a lock file is one being made (removed if it has waited too long), or one of a runtime
   * that did not lock (removed if its pid is not alive). Best effort: a failure here harms nothing.
   */
  static void removeStale(Path base) {
    long self = ProcessHandle.current().pid();
    try (DirectoryStream<Path> folders =
        Files.newDirectoryStream(base, "{" + PREFIX + "," + STAGING_PREFIX + "}*")) {
      for (Path folder : folders) {
        String name = folder.getFileName().toString();
        boolean staging = name.startsWith(STAGING_PREFIX);
        long pid = pidOf(name, staging ? STAGING_PREFIX : PREFIX);
        // Never this JVM's own pid: another class loader of this JVM may hold that folder's lock,
        // and closing a channel on a file releases every lock this JVM holds on it.
        if (pid > 0 && pid != self && ownedByMe(folder)) {
          removeIfStale(folder, staging, pid);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Nothing to do: another JVM may be removing the same folders.
    }
  }

  private static void removeIfStale(Path folder, boolean staging, long pid) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            folder.resolve(LOCK), StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      FileLock held = channel.tryLock();
      if (held != null) {
        delete(folder);
      }
    } catch (NoSuchFileException e) {
      boolean abandoned =
          staging
              ? Files.getLastModifiedTime(folder).toMillis()
                  < System.currentTimeMillis() - STAGING_GRACE_MILLIS
              : ProcessHandle.of(pid).isEmpty();
      if (abandoned) {
        delete(folder);
      }
    } catch (OverlappingFileLockException e) {
      // This JVM holds it: alive.
    }
  }

  /** A folder, not a link to one, of this JVM's user. */
  private static boolean ownedByMe(Path folder) throws IOException {
    PosixFileAttributes attributes =
        Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return attributes.isDirectory()
        && attributes.owner().getName().equals(System.getProperty("user.name"));
  }

  private static long pidOf(String name, String prefix) {
    int end = name.indexOf('-', prefix.length());
    if (end < 0) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(prefix.length(), end));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static void delete(Path folder) {
    try (var paths = Files.walk(folder)) {
      List<Path> deepestFirst =
          paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
      for (Path p : deepestFirst) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // Best effort at exit; a folder left behind is removed by the next JVM's sweep.
    }
  }

  private static final class Remover implements Runnable {
    private final Path folder;

    Remover(Path folder) {
      this.folder = folder;
    }

    @Override
    public void run() {
      delete(folder);
    }
  }
}

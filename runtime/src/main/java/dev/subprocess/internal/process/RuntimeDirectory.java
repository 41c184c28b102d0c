package dev.subprocess.internal.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The one private folder of this JVM for whatever the runtime puts on disk (outcome files,
 * sockets): mode 0700, its files 0600, created on first use under {@code java.io.tmpdir} as
 * {@code subprocess-<pid>-<random>}, and removed when this JVM exits.
 *
 * <p>A JVM that dies by SIGKILL can't remove its folder; the next JVM that creates one removes
 * the folders of this user whose pid is no longer alive, so a crash leaves nothing for long.
 */
public final class RuntimeDirectory {
  private static final String PREFIX = "subprocess-";
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private static volatile Path path;
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

  private static Path create() {
    Path base = Paths.get(System.getProperty("java.io.tmpdir"));
    removeStale(base);
    try {
      Path created =
          Files.createTempDirectory(
              base, PREFIX + ProcessHandle.current().pid() + "-", OWNER_ONLY_DIRECTORY);
      Runtime.getRuntime()
          .addShutdownHook(new Thread(new Remover(created), "dev.subprocess cleanup"));
      return created;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a private folder in " + base, e);
    }
  }

  /** Removes the folders of JVMs that are gone. Best effort: a failure here harms nothing. */
  private static void removeStale(Path base) {
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(base, PREFIX + "*")) {
      for (Path folder : folders) {
        long pid = pidOf(folder.getFileName().toString());
        if (pid > 0
            && ProcessHandle.of(pid).isEmpty()
            && Files.isDirectory(folder)
            && ownedByMe(folder)) {
          delete(folder);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Nothing to do: another JVM may be removing the same folders.
    }
  }

  private static boolean ownedByMe(Path folder) throws IOException {
    return Files.getOwner(folder).getName().equals(System.getProperty("user.name"));
  }

  private static long pidOf(String name) {
    int end = name.indexOf('-', PREFIX.length());
    if (end < 0) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(PREFIX.length(), end));
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

package dev.subprocess.internal.ring;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * Files that several processes map into memory, to hold {@link OneToOneRing}s. A file is created
 * 0600 in the runtime's private folder, mapped whole, and may be removed as soon as every process
 * that needs it has mapped it: the mapping outlives the name, and the memory goes when the last
 * mapping does.
 *
 * <p>The channel is closed once the file is mapped; the mapping stays valid until the buffer is
 * garbage-collected.
 *
 * <p>A process maps only what another process of the same user created in its own private folder:
 * {@link #openPrivate} checks the name and the file before it maps it, so that a name that
 * another process gives (the host of a queue, say) can't make it map, and then remove, a file
 * elsewhere.
 */
public final class SharedMemory {
  private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");

  private SharedMemory() {}

  /** Creates a file of {@code size} zero bytes at {@code path}, which must not exist; maps it. */
  public static ByteBuffer create(Path path, int size) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            path,
            Set.of(
                StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
      // Written out, not sparse: a full disk fails here, not later with a fault in the middle
      // of a put into a page that has no block yet.
      ByteBuffer zeros = ByteBuffer.allocate(Math.min(size, 64 * 1024));
      for (long written = 0; written < size; ) {
        zeros.clear().limit((int) Math.min(zeros.capacity(), size - written));
        written += channel.write(zeros, written);
      }
      return channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
    }
  }

  /**
   * Maps a file that another process created with {@link #create} in {@code folder}, its private
   * folder, after checking that {@code name} is a file directly in that folder (no {@code ..}, no
   * symbolic link, neither for the folder nor for the file), that the folder is this user's and
   * private (0700), and that the file is a regular file of this user, 0600. The file is opened
   * without following a link.
   *
   * @param name the file's path, as the other process named it
   * @return the mapping; the path checked is {@link Path#getFileName() name}'s in {@code folder}
   * @throws IOException if the name or the file fails a check, if it is gone, or smaller than
   *     {@code size}
   */
  public static ByteBuffer openPrivate(Path folder, String name, int size) throws IOException {
    return open(checkPrivate(folder, name), size);
  }

  /**
   * The file {@code name} names, if it passes the checks of {@link #openPrivate}.
   *
   * @throws IOException if it fails one
   */
  public static Path checkPrivate(Path folder, String name) throws IOException {
    Path path = Paths.get(name);
    if (!folder.isAbsolute()
        || !path.isAbsolute()
        || !path.normalize().equals(path)
        || !folder.normalize().equals(folder)
        || path.getParent() == null
        || !path.getParent().equals(folder)) {
      throw new IOException(name + " is not a file of the folder " + folder);
    }
    UserPrincipal me = currentUser();
    check(folder, true, OWNER_ONLY_FOLDER, me);
    check(path, false, OWNER_ONLY_FILE, me);
    return path;
  }

  private static void check(
      Path path, boolean folder, Set<PosixFilePermission> mode, UserPrincipal me)
      throws IOException {
    PosixFileAttributes attributes =
        Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    boolean kind = folder ? attributes.isDirectory() : attributes.isRegularFile();
    if (!kind || !attributes.owner().equals(me) || !attributes.permissions().equals(mode)) {
      throw new IOException(
          path + " is not a private " + (folder ? "folder" : "file") + " of this user");
    }
  }

  /** This process's user: the owner of its entry in {@code /proc}, else the JVM's user name. */
  private static UserPrincipal currentUser() throws IOException {
    Path self = Paths.get("/proc/self");
    if (Files.exists(self)) {
      return Files.getOwner(self);
    }
    return self.getFileSystem()
        .getUserPrincipalLookupService()
        .lookupPrincipalByName(System.getProperty("user.name"));
  }

  /**
   * Maps a file that another process created with {@link #create}; the caller has checked its
   * name (see {@link #openPrivate}). A symbolic link is not followed.
   *
   * @throws IOException if it is gone, a link, or smaller than {@code size}
   */
  public static ByteBuffer open(Path path, int size) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            path,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS)) {
      if (channel.size() < size) {
        throw new IOException(path + " holds " + channel.size() + " bytes, not " + size);
      }
      return channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
    }
  }
}

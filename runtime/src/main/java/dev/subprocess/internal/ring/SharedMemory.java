package dev.subprocess.internal.ring;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that several processes map into memory, to hold {@link OneToOneRing}s. A file is created
 * 0600 in the runtime's private folder, mapped whole, and may be removed as soon as every process
 * that needs it has mapped it: the mapping outlives the name, and the memory goes when the last
 * mapping does.
 *
 * <p>The channel is closed once the file is mapped; the mapping stays valid until the buffer is
 * garbage-collected.
 */
public final class SharedMemory {
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
   * Maps a file that another process created with {@link #create}.
   *
   * @throws IOException if it is gone, or smaller than {@code size}
   */
  public static ByteBuffer open(Path path, int size) throws IOException {
    try (FileChannel channel =
        FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      if (channel.size() < size) {
        throw new IOException(path + " holds " + channel.size() + " bytes, not " + size);
      }
      return channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
    }
  }
}

package dev.subprocess.internal.channel;

import java.io.IOException;
import java.nio.ByteBuffer;

/** For tests of other packages: raw bytes on a link, as a hostile peer would write them. */
public final class LinkAccess {
  private LinkAccess() {}

  /** Writes all of {@code bytes} to the link's socket, bypassing its framing. */
  public static void write(Link link, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      link.channel().write(bytes);
    }
  }
}

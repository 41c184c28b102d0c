package dev.subprocess.internal.channel;

import dev.subprocess.internal.files.RuntimeDirectory;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A socket that answers one client with a script, and records the frames the client sent: what an
 * impostor at a handle's path can do.
 */
final class FakeListener implements AutoCloseable {
  /** What the impostor answers to each frame of the client; null to stop answering. */
  interface Script {
    byte[] answer(int index, byte[] frame) throws IOException;
  }

  final Path path = RuntimeDirectory.newPath("fake");
  final List<byte[]> received = new CopyOnWriteArrayList<>();
  private final ServerSocketChannel server;
  private final Thread thread;
  private final CountDownLatch done = new CountDownLatch(1);

  FakeListener(Script script) throws IOException {
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(path));
    thread =
        new Thread(
            () -> {
              try (SocketChannel client = server.accept()) {
                for (int i = 0; ; i++) {
                  byte[] frame = readFrame(client);
                  received.add(frame);
                  byte[] answer = script.answer(i, frame);
                  if (answer == null) {
                    break;
                  }
                  writeFrame(client, answer);
                }
              } catch (IOException e) {
                // The client left.
              } finally {
                done.countDown();
              }
            },
            "fake listener");
    thread.setDaemon(true);
    thread.start();
  }

  /** Waits until the client has left. */
  void awaitEnd() throws InterruptedException {
    if (!done.await(20, TimeUnit.SECONDS)) {
      throw new AssertionError("the client stayed");
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    Files.deleteIfExists(path);
  }

  static byte[] readFrame(SocketChannel raw) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(4);
    fill(raw, header);
    ByteBuffer body = ByteBuffer.allocate(header.flip().getInt());
    fill(raw, body);
    return body.array();
  }

  private static void fill(SocketChannel raw, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      if (raw.read(buffer) < 0) {
        throw new EOFException();
      }
    }
  }

  static void writeFrame(SocketChannel raw, byte[] body) throws IOException {
    ByteBuffer frame = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
    while (frame.hasRemaining()) {
      raw.write(frame);
    }
  }
}

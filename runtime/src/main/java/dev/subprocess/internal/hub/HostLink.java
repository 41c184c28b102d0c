package dev.subprocess.internal.hub;

import dev.subprocess.internal.channel.Address;
import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import dev.subprocess.internal.ring.SharedMemory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The link of a queue or a pipe end in a JVM other than the one that hosts it: made on first use,
 * it sends a hello to the host's hub, takes the welcome that names a file of the host's private
 * folder, maps that file here, then runs a reader thread that hands the host's frames to a {@link
 * Handler} until the link ends.
 *
 * <pre>{@code
 * HostLink host = new HostLink(hub, hostPid, "the process that created the queue", maxFrame, handler);
 * if (!host.connect(hello, WELCOME, REFUSED, "queue 3")) {   // the first call connects
 *   throw ... host.refusal() or host.hostEnded() ...;
 * }
 * host.send(frame);
 * }</pre>
 *
 * <p>The welcome is {@code byte welcome, string path}, then what {@link Handler#welcomed} reads; a
 * refusal is {@code byte refused, string reason}, and the host closes the link.
 *
 * <p>Lifecycle: {@code NEW -> CONNECTED -> ENDED}, or {@code NEW -> REFUSED | UNREACHABLE}: the
 * host refused the hello, or could not be reached, did not answer within 30 seconds, or named a
 * file that fails the checks of {@link SharedMemory#openPrivate}. There is one attempt: a link
 * that failed stays failed.
 *
 * <p>Thread-safe: {@link #connect} from any thread (one connects, the others wait for it);
 * {@link #send} from any thread; the handler's {@code received} and {@code ended} run on the
 * reader thread.
 */
public final class HostLink {
  private static final long WELCOME_TIMEOUT_SECONDS = 30;

  /** What the queue or pipe end that uses the link does with it. */
  public interface Handler {
    /**
     * Reads the rest of the welcome, after the path.
     *
     * @return the size of the file to map
     * @throws MalformedMessageException if it is not a welcome
     */
    int welcomed(WireInput welcome);

    /** The file is mapped: {@code path}, which has passed the checks. Before the reader starts. */
    void mapped(ByteBuffer memory, Path path) throws IOException;

    /**
     * A frame from the host, on the reader thread.
     *
     * @return false to stop reading: the link then ends
     */
    boolean received(WireInput frame) throws IOException;

    /** The link has ended, whatever ended it; on the reader thread, once. */
    void ended();
  }

  private final Address hub;
  private final long hostPid;
  private final String host;
  private final int maxFrame;
  private final Handler handler;
  private final Object connectLock = new Object();
  private volatile Link link;
  private volatile boolean failed;
  private volatile String refusal;

  /**
   * @param host who the host is, for messages: "the process that created the queue", say
   * @param maxFrame the largest frame the host sends, welcome included; a larger one ends the link
   */
  public HostLink(Address hub, long hostPid, String host, int maxFrame, Handler handler) {
    this.hub = hub;
    this.hostPid = hostPid;
    this.host = host;
    this.maxFrame = maxFrame;
    this.handler = handler;
  }

  /**
   * Connects, unless it did already: sends {@code hello}, maps the file the welcome names, and
   * starts the reader thread, named after {@code name}.
   *
   * @return true if connected; false if refused ({@link #refusal()} says why) or unreachable
   */
  public boolean connect(WireOutput hello, byte welcome, byte refused, String name) {
    if (link != null) {
      return true;
    }
    synchronized (connectLock) {
      if (link != null) {
        return true;
      }
      if (failed) {
        return false;
      }
      failed = true;
      Link l;
      try {
        l = Link.connect(hub, hello);
      } catch (IOException e) {
        return false;
      }
      try {
        l.maxFrameLength(maxFrame);
        WireInput answer = l.receive(WELCOME_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (answer == null) {
          throw new IOException("no answer from the host");
        }
        byte type = answer.readByte();
        if (type == refused) {
          refusal = answer.readString();
          l.close();
          return false;
        }
        if (type != welcome) {
          throw new MalformedMessageException("not a welcome: " + type, 0);
        }
        String path = answer.readString();
        int size = handler.welcomed(answer);
        // The host's own folder: where its hub's socket is.
        Path checked = SharedMemory.checkPrivate(hub.path().getParent(), path);
        handler.mapped(SharedMemory.open(checked, size), checked);
      } catch (IOException | MalformedMessageException | IllegalArgumentException e) {
        l.close();
        return false;
      }
      failed = false;
      link = l;
      Thread reader = new Thread(new Reader(l), "dev.subprocess " + name + " of pid " + hostPid);
      reader.setDaemon(true);
      reader.start();
      return true;
    }
  }

  /** Whether the link is made (it may have ended since). */
  public boolean isConnected() {
    return link != null;
  }

  /** The host's reason for refusing the hello, or null. */
  public String refusal() {
    return refusal;
  }

  /**
   * Sends a frame to the host.
   *
   * @throws IOException if the link has ended
   * @throws IllegalStateException if it was never made
   */
  public void send(WireOutput frame) throws IOException {
    Link l = link;
    if (l == null) {
      throw new IllegalStateException("not connected");
    }
    l.send(frame);
  }

  /** Ends the link, if it was made; the reader thread then calls {@link Handler#ended()}. */
  public void close() {
    Link l = link;
    if (l != null) {
      l.close();
    }
  }

  /** "(the host) (pid N) has ended". */
  public String hostEnded() {
    return host + " (pid " + hostPid + ") has ended";
  }

  /** Whether the host's process is alive. */
  public boolean hostAlive() {
    Optional<ProcessHandle> h = ProcessHandle.of(hostPid);
    return h.isPresent() && h.get().isAlive();
  }

  /** Takes the host's frames until the link ends or the handler stops. */
  private final class Reader implements Runnable {
    private final Link link;

    Reader(Link link) {
      this.link = link;
    }

    @Override
    public void run() {
      try {
        while (handler.received(link.receive())) {
          // Next frame.
        }
      } catch (IOException | MalformedMessageException e) {
        // The link ended: closed here, by the host, or with it.
      } finally {
        link.close();
        handler.ended();
      }
    }
  }
}

package dev.subprocess.internal.handle;

import dev.subprocess.internal.channel.Address;
import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.channel.Listener;
import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where other processes reach the queues and pipes that this JVM created: one {@link Listener}
 * for all of them, opened when the first handle is written and closed when the last of them is.
 * Each queue or pipe is {@linkplain #register registered} under an id that its handles carry; a
 * client's hello names the kind and the id, and the hub hands the link to the one it names.
 *
 * <p>Hello: {@code byte kind, long id}, then what that kind reads. A hello for an id that is not
 * (or no longer) registered is answered with {@link #REFUSED} and a reason ({@link
 * #CLOSED_REASON} for one that was), and the link closed.
 *
 * <p>Thread-safe.
 */
public final class Hub {
  /** Hello kinds. */
  public static final byte QUEUE = 'Q';

  public static final byte PIPE = 'P';

  /** The first byte of the hub's answer to a hello it turns down; a string reason follows. */
  public static final byte REFUSED = 'R';

  /** The reason given for an id that was registered and is no longer. */
  public static final String CLOSED_REASON = "closed";

  /** The largest frame a client of a queue or pipe ever sends: control frames only. */
  public static final int MAX_CLIENT_FRAME = 4096;

  /** Something registered: a queue or a pipe of this JVM. */
  public interface Hosted {
    /**
     * Serves an authenticated link whose hello named this; runs on the link's own thread, which it
     * may keep until the link ends.
     *
     * @param hello positioned after the kind and the id
     */
    void serve(Link link, byte kind, WireInput hello) throws IOException;
  }

  private static final Object LOCK = new Object();
  private static final Map<Long, Hosted> HOSTED = new HashMap<>();
  private static long nextId;
  private static Listener listener;

  private Hub() {}

  /** Registers {@code hosted} and returns its id. */
  public static long register(Hosted hosted) {
    synchronized (LOCK) {
      long id = ++nextId;
      HOSTED.put(id, hosted);
      return id;
    }
  }

  /** Unregisters what {@code id} names; the listener closes with the last one. */
  public static void unregister(long id) {
    Listener closing = null;
    synchronized (LOCK) {
      if (HOSTED.remove(id) == null) {
        return;
      }
      if (HOSTED.isEmpty() && listener != null) {
        closing = listener;
        listener = null;
        HubAddress.set(null);
      }
    }
    if (closing != null) {
      closing.close();
    }
  }

  /** The address of the listener, opened if it is not; for a handle of a registered id. */
  public static Address address() {
    synchronized (LOCK) {
      if (listener == null) {
        try {
          listener = Listener.open("hub", new Dispatch());
          HubAddress.set(listener.address());
        } catch (IOException e) {
          throw new UncheckedIOException("cannot open a socket for queues and pipes", e);
        }
      }
      return listener.address();
    }
  }

  /**
   * What is registered under {@code id} if {@code address} is this JVM's hub, else null. Callers
   * ask {@link HubAddress#isLocal} first, which loads nothing.
   */
  public static Hosted local(Address address, long id) {
    synchronized (LOCK) {
      if (listener == null || !listener.address().equals(address)) {
        return null;
      }
      return HOSTED.get(id);
    }
  }

  /** This JVM's pid, which handles carry so that messages can name the host. */
  public static long pid() {
    return ProcessHandle.current().pid();
  }

  /** Writes the hello a client sends: kind and id; the caller appends the rest. */
  public static WireOutput hello(byte kind, long id) {
    WireOutput out = new WireOutput(32);
    out.writeByte(kind);
    out.writeLong(id);
    return out;
  }

  private static void dispatch(Link link, WireInput hello) throws IOException {
    link.maxFrameLength(MAX_CLIENT_FRAME);
    byte kind;
    long id;
    try {
      kind = hello.readByte();
      id = hello.readLong();
    } catch (MalformedMessageException e) {
      link.close();
      return;
    }
    Hosted hosted;
    boolean known;
    synchronized (LOCK) {
      hosted = HOSTED.get(id);
      known = id > 0 && id <= nextId;
    }
    if (hosted == null) {
      refuse(link, known ? CLOSED_REASON : "nothing of id " + id + " is here");
      return;
    }
    hosted.serve(link, kind, hello);
  }

  /** Answers a hello with {@link #REFUSED} and closes the link. */
  public static void refuse(Link link, String reason) {
    WireOutput out = new WireOutput(64);
    out.writeByte(REFUSED);
    out.writeString(reason);
    try {
      link.send(out);
    } catch (IOException e) {
      // The client is gone already.
    }
    link.close();
  }

  private static final class Dispatch implements Listener.Handler {
    @Override
    public void accepted(Link link, WireInput hello) throws IOException {
      dispatch(link, hello);
    }
  }
}

package dev.subprocess.internal.hub;

import dev.subprocess.internal.channel.KeyRing;
import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.channel.Listener;
import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The one listener of this JVM, through which other processes reach the objects it hosts (queues,
 * pipes, and whatever else registers): opened when the first capability is asked for, closed when
 * the last object is unregistered. The hub knows no kind of object: each one is {@linkplain
 * #register registered} under a kind byte of its service's choosing and gets an id, and is the
 * handler of the hellos that name it.
 *
 * <p>Access: each object has its own keys, derived from a secret of this JVM (see {@link KeyRing})
 * from its id and a facet; a {@link Capability} carries the key of one id and facet. A client
 * proves it knows that key in the handshake, and the hub hands its link to that object only, with
 * the facet: a handle grants its own object, never another of the same host.
 *
 * <p>Clients that stop reading: sends on a client's link never wait for the client, and a client
 * that takes nothing of them, or leaves a frame half sent, for {@link #STALL_TIMEOUT_NANOS} is
 * cut (its link closed, its thread freed). A client that holds a link and says nothing is idle,
 * not stalled, and is kept: a handle may sit unused for as long as its holder likes.
 *
 * <p>Hello: {@code byte kind, long id}, then what that kind reads. A hello whose id is not the
 * one of the key the client proved is dropped; one for an object that is no longer registered,
 * or of another kind, is answered with {@link #REFUSED} and a reason ({@link #CLOSED_REASON} for
 * one that was), and the link closed.
 *
 * <p>Thread-safe.
 */
public final class Hub {
  /** The first byte of the hub's answer to a hello it turns down; a string reason follows. */
  public static final byte REFUSED = 'R';

  /** The reason given for an id that was registered and is no longer. */
  public static final String CLOSED_REASON = "closed";

  /** The largest frame a client of a hosted object ever sends: control frames only. */
  public static final int MAX_CLIENT_FRAME = 4096;

  /**
   * How long a client may take nothing of what is sent to it, or leave a frame half sent, before
   * its link is closed: 30 seconds. Sends to a client never wait for it (see {@link
   * Link#sendWithoutWaiting}), so a thread that serves other clients too (a put that answers
   * this client's get, a doorbell relayed from the other end of a pipe) is never held, however
   * long this is; what it costs is the client's backlog (at most one frame and {@link
   * Link#MAX_BACKLOG} bytes) and its link's thread, for that long. So it is generous: a client
   * that reads anything at all is never cut, and one paused by a long collection, a swapping
   * machine or a debugger has 30 seconds to come back before it loses its handle's link.
   */
  static final long STALL_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

  /** {@link #STALL_TIMEOUT_NANOS}, which tests shorten. */
  static volatile long stallTimeoutNanos = STALL_TIMEOUT_NANOS;

  /** Something registered: a queue or a pipe of this JVM, say. */
  public interface Hosted {
    /**
     * Serves an authenticated link whose hello named this object; runs on the link's own thread,
     * which it may keep until the link ends. The link's sends never wait for the client, from any
     * thread; a client that stalls is cut after {@link #STALL_TIMEOUT_NANOS}.
     *
     * @param facet the facet whose key the client proved (0 unless this object hands out others)
     * @param hello positioned after the kind and the id
     */
    void serve(Link link, long facet, WireInput hello) throws IOException;
  }

  /**
   * An object's place in the hub, from {@link #register} to {@link #unregister}. Thread-safe.
   */
  public static final class Registration {
    private final long id;
    private final byte kind;
    private final Hosted hosted;

    private Registration(long id, byte kind, Hosted hosted) {
      this.id = id;
      this.kind = kind;
      this.hosted = hosted;
    }

    public long id() {
      return id;
    }

    /** The capability of the whole object; the hub listens once this returns. */
    public Capability capability() {
      return capability(0);
    }

    /** The capability of facet {@code facet} (not negative) of the object. */
    public Capability capability(long facet) {
      if (facet < 0) {
        throw new IllegalArgumentException("a facet is not negative: " + facet);
      }
      return Capability.of(listener().address(Capability.keyId(id, facet)), pid());
    }

    @Override
    public String toString() {
      return "Registration[" + id + ", kind " + (char) kind + "]";
    }
  }

  private static final Object LOCK = new Object();
  /** Guarded by LOCK. */
  private static final Map<Long, Registration> HOSTED = new HashMap<>();
  /** Guarded by LOCK. */
  private static long nextId;
  /** Guarded by LOCK. */
  private static Listener listener;
  /** Guarded by LOCK; made with the first listener, kept for the life of the JVM. */
  private static KeyRing keys;

  private Hub() {}

  /** Registers {@code hosted} under {@code kind}, the first byte of the hellos that reach it. */
  public static Registration register(byte kind, Hosted hosted) {
    synchronized (LOCK) {
      Registration registration = new Registration(++nextId, kind, hosted);
      HOSTED.put(registration.id, registration);
      return registration;
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

  /**
   * What {@code capability} grants if it is a true capability of this JVM's hub (its key is the
   * one this hub derives for its id and facet), else null. Callers ask {@link
   * HubAddress#isLocal} first, which loads nothing.
   */
  public static Hosted local(Capability capability) {
    synchronized (LOCK) {
      if (listener == null || !listener.path().equals(capability.address().path())) {
        return null;
      }
      byte[] keyId = Capability.keyId(capability.id(), capability.facet());
      if (!capability.address().holds(keyId, keys.key(keyId))) {
        return null;
      }
      Registration registration = HOSTED.get(capability.id());
      return registration == null ? null : registration.hosted;
    }
  }

  /** This JVM's pid, which capabilities carry so that messages can name the host. */
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

  /** The listener, opened if it is not (or if it stopped on its own). */
  private static Listener listener() {
    synchronized (LOCK) {
      if (listener == null || !listener.isOpen()) {
        if (keys == null) {
          keys = KeyRing.random();
        }
        try {
          listener = Listener.open("hub", new Keys(), new Dispatch());
        } catch (IOException e) {
          throw new UncheckedIOException("cannot open a socket for hosted objects", e);
        }
        HubAddress.set(listener.path());
      }
      return listener;
    }
  }

  private static void dispatch(Link link, WireInput hello) throws IOException {
    link.maxFrameLength(MAX_CLIENT_FRAME);
    link.stallTimeout(stallTimeoutNanos, TimeUnit.NANOSECONDS);
    link.sendWithoutWaiting();
    ByteBuffer proved = ByteBuffer.wrap(link.keyId());
    long provedId = proved.getLong();
    long facet = proved.getLong();
    byte kind;
    long id;
    try {
      kind = hello.readByte();
      id = hello.readLong();
    } catch (MalformedMessageException e) {
      link.close();
      return;
    }
    if (id != provedId) {
      link.close();
      return;
    }
    Registration registration;
    synchronized (LOCK) {
      registration = HOSTED.get(id);
    }
    if (registration == null) {
      refuse(link, CLOSED_REASON);
      return;
    }
    if (registration.kind != kind) {
      refuse(link, "object " + id + " is not of kind " + (char) kind);
      return;
    }
    registration.hosted.serve(link, facet, hello);
  }

  /** The key of each id this hub gave out, registered still or not. */
  private static final class Keys implements Listener.Keys {
    @Override
    public byte[] key(byte[] keyId) {
      if (keyId.length != Capability.KEY_ID_LENGTH) {
        return null;
      }
      ByteBuffer parts = ByteBuffer.wrap(keyId);
      long id = parts.getLong();
      long facet = parts.getLong();
      synchronized (LOCK) {
        return id > 0 && id <= nextId && facet >= 0 ? keys.key(keyId) : null;
      }
    }
  }

  private static final class Dispatch implements Listener.Handler {
    @Override
    public void accepted(Link link, WireInput hello) throws IOException {
      dispatch(link, hello);
    }
  }
}

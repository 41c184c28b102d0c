package dev.subprocess.internal.hub;

import dev.subprocess.internal.channel.Address;
import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.nio.ByteBuffer;

/**
 * What a handle carries to reach one object that a {@link Hub} hosts, and nothing else: the hub's
 * socket, the object's id and facet, the key of that id and facet, and the host's pid. Another id
 * or facet needs another key, which only the host can derive: a capability grants its own object
 * only.
 *
 * <p>Written as {@code Address address, long hostPid}, where the address's key id is {@code long
 * id, long facet}. A facet is the object's business: 0 for the whole of it, or a part of it (an
 * end of a pipe, say) that the object checks against what the client asks.
 *
 * <p>Immutable. {@link #toString()} leaves the key out.
 */
public final class Capability {
  static final int KEY_ID_LENGTH = 16;

  private final Address address;
  private final long hostPid;
  private final long id;
  private final long facet;

  private Capability(Address address, long hostPid, long id, long facet) {
    this.address = address;
    this.hostPid = hostPid;
    this.id = id;
    this.facet = facet;
  }

  /**
   * The capability of {@code address} in the hub of {@code hostPid}.
   *
   * @throws IllegalArgumentException if the address is not one of a hub's objects
   */
  public static Capability of(Address address, long hostPid) {
    Capability capability = parse(address, hostPid);
    if (capability == null) {
      throw new IllegalArgumentException("not the address of a hosted object: " + address);
    }
    return capability;
  }

  /**
   * Reads what {@link #writeTo} wrote.
   *
   * @throws MalformedMessageException if it is not a capability
   */
  public static Capability readFrom(WireInput in) {
    int at = in.position();
    Address address = Address.readFrom(in);
    long hostPid = in.readLong();
    Capability capability = parse(address, hostPid);
    if (capability == null) {
      throw new MalformedMessageException("not a capability", at);
    }
    return capability;
  }

  private static Capability parse(Address address, long hostPid) {
    byte[] keyId = address.keyId();
    if (keyId.length != KEY_ID_LENGTH || hostPid <= 0) {
      return null;
    }
    ByteBuffer parts = ByteBuffer.wrap(keyId);
    long id = parts.getLong();
    long facet = parts.getLong();
    return id > 0 && facet >= 0 ? new Capability(address, hostPid, id, facet) : null;
  }

  static byte[] keyId(long id, long facet) {
    return ByteBuffer.allocate(KEY_ID_LENGTH).putLong(id).putLong(facet).array();
  }

  /** Writes {@code Address address, long hostPid}. */
  public void writeTo(WireOutput out) {
    address.writeTo(out);
    out.writeLong(hostPid);
  }

  /** Where to connect, with the key to prove. */
  public Address address() {
    return address;
  }

  /** The pid of the JVM that hosts the object. */
  public long hostPid() {
    return hostPid;
  }

  /** The object's id in its hub. */
  public long id() {
    return id;
  }

  /** The part of the object this grants; 0 for the whole of it. */
  public long facet() {
    return facet;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Capability
        && ((Capability) o).address.equals(address)
        && ((Capability) o).hostPid == hostPid;
  }

  @Override
  public int hashCode() {
    return address.hashCode();
  }

  @Override
  public String toString() {
    return "object " + id + (facet != 0 ? "/" + facet : "") + " of pid " + hostPid + " at "
        + address;
  }
}

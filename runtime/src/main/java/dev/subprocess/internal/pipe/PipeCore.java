package dev.subprocess.internal.pipe;

import dev.subprocess.internal.files.RuntimeDirectory;
import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.hub.Capability;
import dev.subprocess.internal.hub.Hub;
import dev.subprocess.internal.ring.OneToOneRing;
import dev.subprocess.internal.ring.SharedMemory;
import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.WireInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A pipe in the JVM that opened it, its host: the shared file of its two rings, and who holds
 * each end (see {@link PipeProtocol}). An end is held here (a {@link LocalEnd}), by another JVM
 * (a {@link HostedEnd}, its link), by nobody while in transit, or is closed.
 *
 * <p>Lifecycle of an end: {@code HELD -> IN_TRANSIT -> HELD ...} (each move increments its
 * generation) {@code -> CLOSED}, closed by its holder, or on its behalf when its holder ended, or
 * when the process it was sent to ended before claiming it. Closing an end sets its rings' flags
 * and wakes the peer. When both ends are closed the pipe is gone: unregistered, its file removed.
 *
 * <p>Thread-safe; doorbells are rung outside the lock.
 */
final class PipeCore implements Hub.Hosted {
  private final Hub.Registration registration;
  private final long id;
  private final Path path;
  private final ByteBuffer memory;
  private final Object lock = new Object();
  /** Guarded by lock: a LocalEnd, a HostedEnd, or null (in transit, or closed). */
  private final Object[] holders = new Object[2];
  private final long[] generations = new long[2];
  private final boolean[] closed = new boolean[2];

  private PipeCore(Path path, ByteBuffer memory) {
    this.path = path;
    this.memory = memory;
    this.registration = Hub.register(PipeProtocol.HELLO, this);
    this.id = registration.id();
  }

  /** Opens a pipe: its file, and its two ends held here. */
  static PipeEndpoint[] open() {
    Path path = RuntimeDirectory.newPath("pipe");
    ByteBuffer memory;
    try {
      memory = SharedMemory.create(path, 2 * OneToOneRing.bytesFor(PipeProtocol.RING_CAPACITY));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the shared memory of a pipe at " + path, e);
    }
    PipeCore core = new PipeCore(path, memory);
    LocalEnd first = new LocalEnd(core, 0);
    LocalEnd second = new LocalEnd(core, 1);
    synchronized (core.lock) {
      core.holders[0] = first;
      core.holders[1] = second;
    }
    return new PipeEndpoint[] {first, second};
  }

  long id() {
    return id;
  }

  /** What a handle of end {@code end} carries: it opens that end of this pipe only. */
  Capability capability(int end) {
    return registration.capability(end);
  }

  Path path() {
    return path;
  }

  /** A fresh view of ring {@code i}, in the state it is in. */
  OneToOneRing ring(int i) {
    return OneToOneRing.at(memory, i * OneToOneRing.bytesFor(PipeProtocol.RING_CAPACITY),
        PipeProtocol.RING_CAPACITY);
  }

  /** A local end moves away; returns its new generation. */
  long moveOut(int end, LocalEnd by) {
    synchronized (lock) {
      if (holders[end] != by) {
        throw new IllegalStateException("this end of the pipe is not held here");
      }
      holders[end] = null;
      return ++generations[end];
    }
  }

  /** A handle read in this JVM: the end is held here from now on, unless the handle is stale. */
  PipeEndpoint claim(int end, long generation) {
    synchronized (lock) {
      String refusal = admit(end, generation);
      if (refusal != null) {
        return new DeadEnd(refusal);
      }
      LocalEnd local = new LocalEnd(this, end);
      holders[end] = local;
      generations[end] = generation;
      return local;
    }
  }

  /** A client attaches to an end; returns why not, or null. */
  String attach(int end, long generation, HostedEnd by) {
    synchronized (lock) {
      String refusal = admit(end, generation);
      if (refusal == null) {
        holders[end] = by;
        generations[end] = generation;
      }
      return refusal;
    }
  }

  /** The client holding an end sent it on, as generation {@code generation}. */
  void movedAway(int end, HostedEnd by, long generation) {
    synchronized (lock) {
      if (holders[end] == by) {
        holders[end] = null;
        generations[end] = Math.max(generations[end], generation);
      }
    }
  }

  /** The holder of an end closed it, or ended ({@code why}); nothing if it is not the holder. */
  void endClosed(int end, Object by, int why) {
    synchronized (lock) {
      if (closed[end] || holders[end] != by) {
        return;
      }
      close(end, why);
    }
    afterClose(end);
  }

  /** An end of generation {@code generation} was closed before it was ever used. */
  void closedUnused(int end, long generation) {
    synchronized (lock) {
      if (closed[end] || holders[end] != null || generation < generations[end]) {
        return;
      }
      close(end, PipeProtocol.CLOSED_BY_HOLDER);
    }
    afterClose(end);
  }

  /** An end in transit was sent on, unused, as {@code generation}: its older handles expire. */
  void sentOnUnused(int end, long generation) {
    synchronized (lock) {
      if (!closed[end] && holders[end] == null && generation > generations[end]) {
        generations[end] = generation;
      }
    }
  }

  /** The process an end was sent to as {@code generation} has ended: closed, if never claimed. */
  void lost(int end, long generation) {
    synchronized (lock) {
      if (closed[end] || holders[end] != null || generation != generations[end]) {
        return;
      }
      close(end, PipeProtocol.HOLDER_ENDED);
    }
    afterClose(end);
  }

  /** Wakes whatever waits on {@code end}, wherever its holder is. */
  void wake(int end) {
    Object holder;
    synchronized (lock) {
      holder = holders[end];
    }
    if (holder instanceof LocalEnd) {
      ((LocalEnd) holder).wakeSleepers();
    } else if (holder instanceof HostedEnd) {
      ((HostedEnd) holder).wake();
    }
  }

  @Override
  public void serve(Link link, long facet, WireInput hello) throws IOException {
    int end;
    long generation;
    byte purpose;
    try {
      end = hello.readByte();
      generation = hello.readLong();
      purpose = hello.readByte();
      hello.expectEnd();
    } catch (MalformedMessageException e) {
      link.close();
      return;
    }
    if (end != 0 && end != 1) {
      link.close();
      return;
    }
    if (facet != end) {
      Hub.refuse(link, "the handle is of the other end of the pipe");
      return;
    }
    new HostedEnd(this, link, end).serve(purpose, generation);
  }

  @Override
  public String toString() {
    return "pipe " + id;
  }

  /** Under the lock: whether a holder of {@code generation} may take {@code end}. */
  private String admit(int end, long generation) {
    if (closed[end]) {
      return "this end of the pipe is closed";
    }
    if (generation < generations[end] || (generation == generations[end] && holders[end] != null)) {
      return "this end of the pipe has moved on to another process";
    }
    return null;
  }

  /** Under the lock. */
  private void close(int end, int why) {
    closed[end] = true;
    holders[end] = null;
    ring(end).closeWriter(why);
    ring(1 - end).closeReader();
  }

  private void afterClose(int end) {
    wake(1 - end);
    boolean gone;
    synchronized (lock) {
      gone = closed[0] && closed[1];
    }
    if (gone) {
      Hub.unregister(id);
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // The runtime folder goes at exit anyway.
      }
    }
  }
}

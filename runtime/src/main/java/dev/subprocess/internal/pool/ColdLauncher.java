package dev.subprocess.internal.pool;

import dev.subprocess.internal.process.Bootstrap;
import dev.subprocess.internal.process.ChildJvm;
import dev.subprocess.internal.wire.WireOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts each worker as a new JVM ({@link ChildJvm}) and hands it its bootstrap (see {@link
 * Protocol}): its capability of the pool ({@link WorkerGate}) and the initializer. A worker
 * launched before {@link #open} gets its bootstrap then, so that JVMs boot while the pool
 * registers with the hub and the hub opens its socket.
 *
 * <p>Guarded by the pool's lock, but for {@link #close}, which any thread may call.
 */
final class ColdLauncher implements WorkerLauncher {
  private final List<String> jvmOptions;
  /** The initializer's record, {@code string launcher, varint argc, value[argc]}, or null. */
  private final byte[] initializer;
  /** Null before open(); volatile, since close() comes outside the pool's lock. */
  private volatile WorkerGate gate;
  /** Launched before open(), waiting for their bootstrap. */
  private final List<Waiting> waiting = new ArrayList<>();

  ColdLauncher(List<String> jvmOptions, byte[] initializer) {
    this.jvmOptions = jvmOptions;
    this.initializer = initializer;
  }

  @Override
  public java.lang.Process launch(int id, String name) {
    // Made first: a pool that takes no more workers starts none.
    byte[] bootstrap = gate != null ? bootstrap(id) : null;
    java.lang.Process process = ChildJvm.start(jvmOptions, name, WorkerMain.class.getName(), true);
    if (bootstrap != null) {
      ChildJvm.sendBootstrap(process, bootstrap, name);
    } else {
      waiting.add(new Waiting(id, name, process));
    }
    return process;
  }

  @Override
  public void open(Arrivals arrivals) {
    gate = new WorkerGate(arrivals);
    gate.open();
    for (Waiting w : waiting) {
      ChildJvm.sendBootstrap(w.process, bootstrap(w.id), w.name);
    }
    waiting.clear();
  }

  @Override
  public void close() {
    if (gate != null) {
      gate.close();
    }
  }

  private byte[] bootstrap(int id) {
    WireOutput body = Bootstrap.body();
    gate.capability(id).writeTo(body);
    body.writeBoolean(initializer != null);
    if (initializer != null) {
      body.writeRaw(initializer, 0, initializer.length);
    }
    return Bootstrap.frame(body);
  }

  private static final class Waiting {
    final int id;
    final String name;
    final java.lang.Process process;

    Waiting(int id, String name, java.lang.Process process) {
      this.id = id;
      this.name = name;
      this.process = process;
    }
  }
}

package dev.subprocess.internal.pool;

import dev.subprocess.internal.process.Bootstrap;
import dev.subprocess.internal.process.ChildJvm;
import dev.subprocess.internal.wire.WireOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts each worker as a new JVM ({@link ChildJvm}) and hands it its bootstrap (see {@link
 * Protocol}): the pool's address, its number and the initializer. A worker launched before
 * {@link #open} gets its bootstrap then, so that JVMs boot while the pool opens its socket.
 *
 * <p>Guarded by the pool's lock.
 */
final class ColdLauncher implements WorkerLauncher {
  private final List<String> jvmOptions;
  /** The initializer's record, {@code string launcher, varint argc, value[argc]}, or null. */
  private final byte[] initializer;
  private final PoolListener listener;
  /** Launched before open(), waiting for their bootstrap. */
  private final List<Waiting> waiting = new ArrayList<>();
  private boolean open;

  ColdLauncher(List<String> jvmOptions, byte[] initializer, Arrivals arrivals) {
    this.jvmOptions = jvmOptions;
    this.initializer = initializer;
    this.listener = new PoolListener(arrivals);
  }

  @Override
  public java.lang.Process launch(int id, String name) {
    java.lang.Process process = ChildJvm.start(jvmOptions, name, WorkerMain.class.getName(), true);
    if (open) {
      ChildJvm.sendBootstrap(process, bootstrap(id), name);
    } else {
      waiting.add(new Waiting(id, name, process));
    }
    return process;
  }

  @Override
  public void open() throws IOException {
    listener.open();
    open = true;
    for (Waiting w : waiting) {
      ChildJvm.sendBootstrap(w.process, bootstrap(w.id), w.name);
    }
    waiting.clear();
  }

  @Override
  public void close() {
    listener.close();
  }

  private byte[] bootstrap(int id) {
    WireOutput body = Bootstrap.body();
    listener.address().writeTo(body);
    body.writeVarInt(id);
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

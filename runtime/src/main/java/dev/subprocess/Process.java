package dev.subprocess;

import dev.subprocess.internal.Call;
import java.time.Duration;
import java.util.OptionalInt;

/** SKELETON: the real implementation is being written. Signatures are final. */
public abstract class Process<R> {
  private final Call<R> call;

  protected Process(Task<R> task) {
    this.call = Call.of(task);
  }

  public Process<R> start() { throw new UnsupportedOperationException(); }
  public final void join() throws InterruptedException { throw new UnsupportedOperationException(); }
  public final boolean join(Duration timeout) throws InterruptedException { throw new UnsupportedOperationException(); }
  public final boolean isAlive() { throw new UnsupportedOperationException(); }
  public final void terminate() { throw new UnsupportedOperationException(); }
  public final void kill() { throw new UnsupportedOperationException(); }
  public final long pid() { throw new UnsupportedOperationException(); }
  public final String name() { throw new UnsupportedOperationException(); }
  public Process<R> name(String name) { throw new UnsupportedOperationException(); }
  public final boolean daemon() { throw new UnsupportedOperationException(); }
  public Process<R> daemon(boolean daemon) { throw new UnsupportedOperationException(); }
  public final OptionalInt exitCode() { throw new UnsupportedOperationException(); }
  public final R result() throws InterruptedException { throw new UnsupportedOperationException(); }
  public final R run() { throw new UnsupportedOperationException(); }
}

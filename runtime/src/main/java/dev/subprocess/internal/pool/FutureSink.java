package dev.subprocess.internal.pool;

import java.util.concurrent.CompletableFuture;

/** The sink of one task submitted with {@code applyAsync}: its future. */
final class FutureSink<R> implements Sink {
  private final CompletableFuture<R> future = new CompletableFuture<>();

  CompletableFuture<R> future() {
    return future;
  }

  @Override
  // Unchecked, as R is erased: the value is what the task's generated launcher returned.
  @SuppressWarnings("unchecked")
  public void succeeded(int index, Object value) {
    future.complete((R) value);
  }

  @Override
  public void failed(int index, RuntimeException failure) {
    future.completeExceptionally(failure);
  }

  @Override
  public void delivered() {
    // complete() has woken the waiters already.
  }
}

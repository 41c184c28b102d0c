package dev.subprocess.bench;

import dev.subprocess.Subprocess;

/**
 * The work of {@code startjoin}: nothing. {@link #main} is the bare JVM's floor; {@link #empty} is
 * what {@code ours} runs in its child. Both live in this one class, with no static state, so that
 * both children load the same code of ours and the difference is the runtime's alone.
 */
public final class EmptyMain {
  private EmptyMain() {}

  @Subprocess
  static void empty() {}

  public static void main(String[] args) {}
}

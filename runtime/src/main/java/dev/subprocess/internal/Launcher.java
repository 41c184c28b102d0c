package dev.subprocess.internal;

/** SKELETON: the main method of every generated launcher delegates here. */
public final class Launcher {
  private Launcher() {}

  /**
   * Runs {@code entry} as the main program of this JVM: as a child of a parent's runtime when one
   * started it, else from the command line with {@code args} converted to the parameter types.
   */
  public static void main(Entry<?> entry, String[] args) {
    throw new UnsupportedOperationException("not yet");
  }
}

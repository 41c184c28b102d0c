package dev.subprocess.internal;

import dev.subprocess.internal.process.ChildJvm;
import dev.subprocess.internal.process.ChildMain;
import dev.subprocess.internal.process.CommandLine;

/**
 * What every generated launcher's {@code main} calls. A JVM that the runtime started (it has the
 * {@code dev.subprocess.child} property) runs as a child of its parent; anything else runs the
 * method from the command line.
 */
public final class Launcher {
  private Launcher() {}

  /**
   * Runs {@code entry} as the main program of this JVM: as a child of a parent's runtime when one
   * started it, else from the command line with {@code args} converted to the parameter types.
   */
  public static void main(Entry<?> entry, String[] args) {
    if (System.getProperty(ChildJvm.CHILD_PROPERTY) != null) {
      ChildMain.run(entry);
    } else {
      CommandLine.run(entry, args);
    }
  }
}

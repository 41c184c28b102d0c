package dev.subprocess.internal;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Lets a child tell its parent that a signal, not {@code System.exit}, shut it down: the JVM exits
 * with 128+N either way. The handler records the signal, then shuts down as the JVM's own handler
 * would.
 */
final class Signals implements SignalHandler {
  private static final String[] NAMES = {"TERM", "INT", "HUP"};

  private final OutcomeWriter outcome;

  private Signals(OutcomeWriter outcome) {
    this.outcome = outcome;
  }

  static void install(OutcomeWriter outcome) {
    Signals handler = new Signals(outcome);
    for (String name : NAMES) {
      try {
        Signal.handle(new Signal(name), handler);
      } catch (IllegalArgumentException e) {
        // The JVM reserves this signal (-Xrs): its default stays, reported as a signal death.
      }
    }
  }

  @Override
  public void handle(Signal signal) {
    outcome.signaled(signal.getNumber());
    System.exit(128 + signal.getNumber());
  }
}

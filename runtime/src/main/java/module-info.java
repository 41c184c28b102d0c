/**
 * dev.subprocess: Python's {@code multiprocessing} for Java. The API is the package {@code
 * dev.subprocess}; {@code dev.subprocess.internal} is exported for the code that the annotation
 * processor generates, and for nothing else; the mechanisms behind them are not exported.
 */
module dev.subprocess {
  // SO_PEERCRED: the user of a Unix socket's peer, checked on both sides of every link.
  requires jdk.net;
  // sun.misc.Signal: a child records a SIGTERM, SIGINT or SIGHUP in its outcome before it exits.
  requires jdk.unsupported;

  exports dev.subprocess;
  exports dev.subprocess.internal;
}

package dev.subprocess.internal.pipe;

import dev.subprocess.internal.process.Children;
import java.util.ArrayList;
import java.util.List;

/**
 * Pipe ends sent to a child that is being started. An end that moves is held by whoever reads its
 * handle, and a child claims it only when it first uses it; if the child ends without using it,
 * nobody would ever tell the end's peer, whose {@code recv} would wait forever. So the starting
 * thread opens a scope around the encoding of the arguments, and then hands the child to it:
 *
 * <pre>{@code
 * Transfers transfers = Transfers.begin();
 * try {
 *   bootstrap = encode(arguments);           // each end written calls Transfers.moved(claim)
 * } finally {
 *   transfers.end();
 * }
 * transfers.sentTo(child);                   // or notSent() if the child could not start
 * }</pre>
 *
 * <p>When the child has ended, each end it was sent is declared lost, which closes it if the child
 * never claimed it: its peer reads what was sent, then end of file.
 *
 * <p>A scope belongs to the thread that began it.
 */
public final class Transfers {
  /** An end in transit, told when the process it went to has ended. */
  public interface Claim {
    void destinationEnded();
  }

  private static final ThreadLocal<Transfers> CURRENT = new ThreadLocal<>();

  private final Transfers outer;
  private final List<Claim> claims = new ArrayList<>(1);

  private Transfers(Transfers outer) {
    this.outer = outer;
  }

  /** Opens a scope on this thread. */
  public static Transfers begin() {
    Transfers t = new Transfers(CURRENT.get());
    CURRENT.set(t);
    return t;
  }

  /** Records an end that moves, if a scope is open on this thread. */
  public static void moved(Claim claim) {
    Transfers t = CURRENT.get();
    if (t != null) {
      t.claims.add(claim);
    }
  }

  /** Closes the scope on this thread. */
  public void end() {
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
    }
  }

  /** The ends went to {@code destination}: each is lost if it ends before claiming it. */
  public void sentTo(java.lang.Process destination) {
    if (!claims.isEmpty()) {
      Children.exited(destination).thenRun(new Expire(claims));
    }
  }

  /** The ends went nowhere: the child did not start. */
  public void notSent() {
    new Expire(claims).run();
  }

  private static final class Expire implements Runnable {
    private final List<Claim> claims;

    Expire(List<Claim> claims) {
      this.claims = claims;
    }

    @Override
    public void run() {
      for (Claim claim : claims) {
        claim.destinationEnded();
      }
    }
  }
}

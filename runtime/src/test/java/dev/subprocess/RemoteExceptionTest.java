package dev.subprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.subprocess.internal.wire.Failures;
import dev.subprocess.internal.wire.RemoteFailure;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteExceptionTest {
  private static final StackTraceElement FRAME =
      new StackTraceElement("com.acme.Job", "run", "Job.java", 12);

  @Test
  void of_buildsTheExceptionFromTheFailure_causesAndSuppressedToo() {
    RemoteFailure root = new RemoteFailure("java.io.IOException", "disk", List.of(), null, List.of());
    RemoteFailure closing =
        new RemoteFailure("com.acme.CloseFailed", null, List.of(FRAME), null, List.of());
    RemoteFailure top =
        new RemoteFailure("com.acme.JobFailed", "job 3", List.of(FRAME), root, List.of(closing));

    RemoteException e = RemoteException.of(top);

    assertEquals("com.acme.JobFailed", e.className());
    assertEquals("job 3", e.getMessage());
    assertArrayEquals(new StackTraceElement[] {FRAME}, e.getStackTrace());
    RemoteException cause = (RemoteException) e.getCause();
    assertEquals("java.io.IOException: disk", cause.toString());
    assertNull(cause.getCause());
    assertEquals("com.acme.CloseFailed", ((RemoteException) e.getSuppressed()[0]).className());
  }

  @Test
  void aRemoteExceptionWrittenAgain_keepsTheNameItStandsFor() {
    RemoteException relayed =
        RemoteException.of(
            new RemoteFailure("com.acme.Oops", "deep", List.of(FRAME), null, List.of()));
    WireOutput out = new WireOutput();
    Failures.write(out, new IllegalStateException("relayed", relayed));
    RemoteFailure read = Failures.readFailure(new WireInput(out.toByteArray()));
    assertEquals("com.acme.Oops: deep", read.cause().toString());
  }
}

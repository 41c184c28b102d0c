package dev.subprocess.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.subprocess.RemoteException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailuresTest {
  /** A user's exception at its worst: every overridable accessor throws. */
  static final class Hostile extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public String getMessage() {
      throw new IllegalStateException("no message for you");
    }

    @Override
    public synchronized Throwable getCause() {
      throw new IllegalStateException("no cause either");
    }

    @Override
    public StackTraceElement[] getStackTrace() {
      throw new IllegalStateException("nor frames");
    }
  }

  private static RemoteException roundTrip(Throwable failure) {
    WireOutput out = new WireOutput();
    Failures.write(out, failure);
    WireInput in = new WireInput(out.toByteArray());
    RemoteException remote = remote(Failures.readFailure(in));
    in.expectEnd();
    return remote;
  }

  /** As the API makes a failure into the exception a user sees. */
  private static RemoteException remote(RemoteFailure failure) {
    RemoteException exception =
        new RemoteException(
            failure.className(), failure.message(),
            failure.frames().toArray(new StackTraceElement[0]),
            failure.cause() == null ? null : remote(failure.cause()));
    for (RemoteFailure suppressed : failure.suppressed()) {
      exception.addSuppressed(remote(suppressed));
    }
    return exception;
  }

  private static void assertSameFrames(StackTraceElement[] expected, StackTraceElement[] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i].getClassName(), actual[i].getClassName());
      assertEquals(expected[i].getMethodName(), actual[i].getMethodName());
      assertEquals(expected[i].getFileName(), actual[i].getFileName());
      assertEquals(expected[i].getLineNumber(), actual[i].getLineNumber());
      assertEquals(expected[i].getModuleName(), actual[i].getModuleName());
      assertEquals(expected[i].getModuleVersion(), actual[i].getModuleVersion());
    }
  }

  @Test
  void failure_roundTrips_withClassMessageFramesCausesAndSuppressed() {
    IOException root = new IOException("disk on fire");
    UncheckedIOException middle = new UncheckedIOException("could not save", root);
    IllegalStateException top = new IllegalStateException("task failed", middle);
    IllegalArgumentException closing = new IllegalArgumentException("while closing");
    closing.addSuppressed(new ArithmeticException("nested suppressed"));
    top.addSuppressed(closing);
    root.addSuppressed(new NullPointerException());
    root.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("com.acme.Disk", "write", "Disk.java", 42),
          new StackTraceElement("com.acme.Disk", "flush", null, -2),
          new StackTraceElement(null, "java.base", "17", "java.io.File", "open", "File.java", 7)
        });

    RemoteException remote = roundTrip(top);

    assertEquals("java.lang.IllegalStateException", remote.className());
    assertEquals("task failed", remote.getMessage());
    assertEquals("java.lang.IllegalStateException: task failed", remote.toString());
    assertSameFrames(top.getStackTrace(), remote.getStackTrace());
    RemoteException remoteMiddle = (RemoteException) remote.getCause();
    assertEquals("java.io.UncheckedIOException", remoteMiddle.className());
    assertEquals("could not save", remoteMiddle.getMessage());
    RemoteException remoteRoot = (RemoteException) remoteMiddle.getCause();
    assertEquals("java.io.IOException", remoteRoot.className());
    assertSameFrames(root.getStackTrace(), remoteRoot.getStackTrace());
    assertNull(remoteRoot.getCause());
    assertEquals(1, remoteRoot.getSuppressed().length);
    assertEquals("java.lang.NullPointerException", remoteRoot.getSuppressed()[0].toString());

    assertEquals(1, remote.getSuppressed().length);
    RemoteException remoteClosing = (RemoteException) remote.getSuppressed()[0];
    assertEquals("java.lang.IllegalArgumentException: while closing", remoteClosing.toString());
    assertEquals(
        "java.lang.ArithmeticException: nested suppressed",
        remoteClosing.getSuppressed()[0].toString());
  }

  @Test
  void hostileThrowable_stillEncodes() {
    RemoteException remote = roundTrip(new Hostile());
    assertEquals(Hostile.class.getName(), remote.className());
    assertNull(remote.getMessage());
    assertNull(remote.getCause());
    assertEquals(0, remote.getStackTrace().length);
  }

  @Test
  void causeCycle_isWrittenOnce() {
    Exception a = new Exception("a");
    Exception b = new Exception("b", a);
    a.initCause(b);
    a.addSuppressed(b);
    a.addSuppressed(a = new Exception("c"));
    RemoteException remote = roundTrip(b);
    assertEquals("a", remote.getCause().getMessage());
    assertNull(remote.getCause().getCause());
    assertEquals(1, remote.getCause().getSuppressed().length);
    assertSame(null, remote.getCause().getSuppressed()[0].getCause());
  }

  @Test
  void longCauseChain_isBounded() {
    Throwable chain = new Exception("0");
    for (int i = 1; i < 500; i++) {
      chain = new Exception(Integer.toString(i), chain);
    }
    int length = 0;
    for (Throwable t = roundTrip(chain); t != null; t = t.getCause()) {
      length++;
    }
    assertEquals(64, length);
  }

  @Test
  void remoteException_keepsTheRemoteClassName() {
    RemoteException grandchild =
        new RemoteException("com.acme.Oops", "deep", new StackTraceElement[0], null);
    assertEquals("com.acme.Oops: deep", roundTrip(grandchild).toString());
  }

  @Test
  void readFailure_givesTheFailureAsData() {
    IllegalStateException cause = new IllegalStateException("cause");
    RuntimeException failure = new RuntimeException("top", cause);
    failure.addSuppressed(new java.io.UncheckedIOException(new IOException("closing")));
    WireOutput out = new WireOutput();
    Failures.write(out, failure);
    WireInput in = new WireInput(out.toByteArray());
    RemoteFailure remote = Failures.readFailure(in);
    in.expectEnd();
    assertEquals("java.lang.RuntimeException: top", remote.toString());
    assertEquals(failure.getStackTrace().length, remote.frames().size());
    assertEquals("readFailure_givesTheFailureAsData", remote.frames().get(0).getMethodName());
    assertEquals("java.lang.IllegalStateException", remote.cause().className());
    assertEquals("cause", remote.cause().message());
    assertEquals(null, remote.cause().cause());
    assertEquals(1, remote.suppressed().size());
    RemoteFailure suppressed = remote.suppressed().get(0);
    assertEquals("java.io.UncheckedIOException", suppressed.className());
    assertEquals("java.io.IOException", suppressed.cause().className());
  }

  @Test
  void truncatedFailure_isMalformed() {
    IOException cause = new IOException();
    RuntimeException suppressed = new RuntimeException();
    IllegalStateException failure = new IllegalStateException("é", cause);
    failure.addSuppressed(suppressed);
    for (Throwable t : new Throwable[] {failure, cause, suppressed}) {
      t.setStackTrace(Arrays.copyOf(t.getStackTrace(), 3));
    }
    WireOutput out = new WireOutput();
    Failures.write(out, failure);
    byte[] bytes = out.toByteArray();
    for (int length = 0; length < bytes.length; length++) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThrows(
          MalformedMessageException.class, () -> Failures.readFailure(new WireInput(truncated)));
    }
    assertArrayEquals(bytes, out.toByteArray());
  }

  @Test
  void emptyOrTooLongChains_areMalformed() {
    MalformedMessageException e =
        assertThrows(
            MalformedMessageException.class, () -> Failures.readFailure(new WireInput(new byte[] {0})));
    assertTrue(e.getMessage().startsWith("a cause chain of 0 exceptions"), e.getMessage());
    assertThrows(
        MalformedMessageException.class,
        () -> Failures.readFailure(new WireInput(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x7F})));
  }
}

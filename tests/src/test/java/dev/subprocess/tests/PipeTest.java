package dev.subprocess.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.subprocess.Connection;
import dev.subprocess.Pipe;
import dev.subprocess.Process;
import dev.subprocess.Queue;
import java.io.EOFException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every member of {@link Pipe} and {@link Connection}, against real child JVMs. */
@Timeout(60)
class PipeTest {
  private final List<Process<?>> started = new ArrayList<>();
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (Process<?> p : started) {
      if (p.isAlive()) {
        p.kill();
        p.join();
      }
    }
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  private <P extends Process<?>> P started(P process) {
    started.add(process);
    process.start();
    return process;
  }

  private <E> Pipe<E> pipe() {
    Pipe<E> pipe = Pipe.open();
    opened.add(pipe.first());
    opened.add(pipe.second());
    return pipe;
  }

  private static void assertEndOfFile(Connection<?> connection, String why) {
    UncheckedIOException e = assertThrows(UncheckedIOException.class, connection::recv);
    assertInstanceOf(EOFException.class, e.getCause());
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }

  @Test
  void duplex_inOrder_withAChildThatEchoes() throws Exception {
    Pipe<String> pipe = pipe();
    EchoProcess echo = started(new EchoProcess(pipe.second()));
    for (int i = 0; i < 1000; i++) {
      pipe.first().send("m" + i);
      assertEquals("m" + i, pipe.first().recv());
    }
    pipe.first().close();
    assertEquals(1000, echo.result());
  }

  @Test
  void aMovedEnd_failsInTheParent_andClosingItThereDoesNothing() throws Exception {
    Pipe<String> pipe = pipe();
    Connection<String> second = pipe.second();
    started(new EchoProcess(second));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> second.send("x"));
    assertTrue(e.getMessage().contains("sent to another process"), e.getMessage());
    assertThrows(IllegalStateException.class, second::recv);
    assertThrows(IllegalStateException.class, () -> second.poll(Duration.ZERO));
    second.close();
    pipe.first().send("still echoed");
    assertEquals("still echoed", pipe.first().recv());
  }

  @Test
  void peerClosed_recvGetsWhatWasSent_thenEndOfFile() throws Exception {
    Pipe<String> pipe = pipe();
    started(new SendAndCloseProcess(pipe.second(), List.of("a", "b"))).result();
    assertEquals("a", pipe.first().recv());
    assertEquals("b", pipe.first().recv());
    assertTrue(pipe.first().poll(Duration.ZERO));
    assertEndOfFile(pipe.first(), "closed");
    assertThrows(UncheckedIOException.class, () -> pipe.first().send("nobody"));
  }

  @Test
  void peerHolderEnded_withoutClosing_isEndOfFile() throws Exception {
    Pipe<String> pipe = pipe();
    started(new SendAndEndProcess(pipe.second(), "bye")).result();
    assertEquals("bye", pipe.first().recv());
    assertEndOfFile(pipe.first(), "has ended");
  }

  @Test
  void peerHolderEnded_beforeEverUsingTheEnd_isEndOfFile() throws Exception {
    Pipe<String> pipe = pipe();
    started(new IgnoreProcess(pipe.second())).result();
    assertEndOfFile(pipe.first(), "has ended");
  }

  @Test
  void peerHolderKilled_wakesARecvWaitingHere() throws Exception {
    Pipe<String> pipe = pipe();
    EchoProcess echo = started(new EchoProcess(pipe.second()));
    pipe.first().send("attach");
    assertEquals("attach", pipe.first().recv());
    echo.kill();
    assertEndOfFile(pipe.first(), "has ended");
  }

  @Test
  void parentCloses_aRecvWaitingInTheChildGetsEndOfFile() throws Exception {
    Pipe<String> pipe = pipe();
    Queue<String> ready = new Queue<>();
    opened.add(ready);
    RecvUntilFailureProcess child = started(new RecvUntilFailureProcess(pipe.second(), ready));
    assertEquals("waiting", ready.get());
    pipe.first().close();
    assertEquals(
        "UncheckedIOException: the other end of the pipe is closed", child.result());
  }

  @Test
  void endsMoveOnFromChildToChild() throws Exception {
    Pipe<String> pipe = pipe();
    ReceiveAllProcess receiver = started(new ReceiveAllProcess(pipe.second()));
    started(new SendAndCloseProcess(pipe.first(), List.of("x", "y"))).result();
    assertEquals(
        List.of("x", "y", "EOFException: the other end of the pipe is closed"),
        receiver.result());
  }

  @Test
  void theHostOfThePipeEnded_isEndOfFile() throws Exception {
    Connection<String> end = started(new OpenAndEndProcess()).result();
    opened.add(end);
    assertEndOfFile(end, "opened the pipe");
    assertThrows(UncheckedIOException.class, () -> end.send("nobody"));
  }

  @Test
  void anEndTravelsInsideAQueue() throws Exception {
    Pipe<String> pipe = pipe();
    Queue<Connection<String>> ends = new Queue<>();
    opened.add(ends);
    RecvFromQueuedEndProcess child = started(new RecvFromQueuedEndProcess(ends));
    ends.put(pipe.second());
    assertThrows(IllegalStateException.class, () -> pipe.second().send("moved"));
    pipe.first().send("through a queue");
    assertEquals("through a queue", child.result());
    assertEndOfFile(pipe.first(), "closed");
  }

  @Test
  void poll_waitsAtMostTheTimeout_andSeesAMessage() throws Exception {
    Pipe<String> pipe = pipe();
    started(new EchoProcess(pipe.second()));
    long start = System.nanoTime();
    assertFalse(pipe.first().poll(Duration.ofMillis(100)));
    assertTrue(System.nanoTime() - start >= 100_000_000);
    pipe.first().send("1");
    assertTrue(pipe.first().poll(Duration.ofSeconds(20)));
    assertEquals("1", pipe.first().recv());
  }

  @Test
  void nullAndNonTransferableMessages_areRefused() {
    Pipe<Object> pipe = pipe();
    assertThrows(NullPointerException.class, () -> pipe.first().send(null));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> pipe.first().send(new Thread()));
    assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
  }

  @Test
  void manyMessagesOneWay_allArriveInOrder() throws Exception {
    Pipe<Integer> pipe = pipe();
    started(new SendNumbersProcess(pipe.second(), 200_000));
    for (int i = 0; i < 200_000; i++) {
      assertEquals(i, pipe.first().recv());
    }
    assertEndOfFile(pipe.first(), "closed");
  }
}

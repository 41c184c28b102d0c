package dev.subprocess.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.subprocess.internal.channel.Link;
import dev.subprocess.internal.channel.Listener;
import dev.subprocess.internal.hub.Hub;
import dev.subprocess.internal.process.Target;
import dev.subprocess.internal.wire.Failures;
import dev.subprocess.internal.wire.MalformedMessageException;
import dev.subprocess.internal.wire.RemoteFailure;
import dev.subprocess.internal.wire.Values;
import dev.subprocess.internal.wire.WireInput;
import dev.subprocess.internal.wire.WireOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A worker's side of the protocol, in this JVM: its initializer and its task loop refuse a
 * forged argument count before they allocate for it, and a task that can't be decoded fails alone.
 */
@Timeout(30)
class WorkerSideTest {
  /** A one-parameter method, as a generated launcher would declare it. */
  static final class Echo extends Target<String> {
    Echo() {
      super("test.Echo.echo", new String[] {"s"}, new Class<?>[] {String.class}, String.class,
          new String[0]);
    }

    @Override
    protected String invoke(Object[] arguments) {
      return "echo " + arguments.length + " " + arguments[0];
    }
  }

  static final Echo ECHO = new Echo();

  private final List<AutoCloseable> closeAfter = new ArrayList<>();
  /** What the task loop threw, once it has returned. */
  private final BlockingQueue<Optional<Throwable>> loopEnd = new LinkedBlockingQueue<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeAfter) {
      c.close();
    }
  }

  @Test
  void aForgedInitializerCount_isRefused_notAllocated() {
    WireOutput record = new WireOutput();
    record.writeString(ECHO.id());
    record.writeVarInt(Integer.MAX_VALUE);
    record.writeByte(0);

    Throwable failure = WorkerMain.runInitializer(new WireInput(record.toByteArray()));

    assertInstanceOf(MalformedMessageException.class, failure, String.valueOf(failure));
  }

  @Test
  void anInitializerGivenAsManyArgumentsAsItsParameters_runs() {
    WireOutput record = new WireOutput();
    record.writeString(ECHO.id());
    record.writeVarInt(1);
    Values.write(record, "x");
    assertNull(WorkerMain.runInitializer(new WireInput(record.toByteArray())));
  }

  @Test
  void aTaskWithAForgedArgumentCount_failsAlone_andTheNextRuns() throws Exception {
    Link pool = startTaskLoop();
    WireOutput frame = new WireOutput();
    frame.writeByte(Protocol.TASKS);
    frame.writeVarInt(0);
    frame.writeVarInt(1);
    frame.writeString(ECHO.id());
    frame.writeVarInt(3);
    task(frame, 2, "a", "b"); // more arguments than the method has parameters
    task(frame, Integer.MAX_VALUE); // a count no frame can hold
    task(frame, 1, "c");
    pool.send(frame);

    List<Object> results = receiveResults(pool, 3);
    assertInstanceOf(RemoteFailure.class, results.get(0));
    assertEquals(
        MalformedMessageException.class.getName(), ((RemoteFailure) results.get(0)).className());
    assertTrue(
        ((RemoteFailure) results.get(0)).message().contains("takes 1"), results.get(0).toString());
    assertEquals(
        MalformedMessageException.class.getName(), ((RemoteFailure) results.get(1)).className());
    assertEquals("echo 1 c", results.get(2));
  }

  @Test
  void anEntryNumberOutOfOrder_isMalformed_notAllocated() throws Exception {
    Link pool = startTaskLoop();
    WireOutput frame = new WireOutput();
    frame.writeByte(Protocol.TASKS);
    frame.writeVarInt(Integer.MAX_VALUE - 1); // the first new entry's number
    frame.writeVarInt(1);
    frame.writeString(ECHO.id());
    frame.writeVarInt(0);
    pool.send(frame);

    Optional<Throwable> end = loopEnd.poll(10, TimeUnit.SECONDS);
    assertNotNull(end, "the loop goes on");
    assertInstanceOf(MalformedMessageException.class, end.orElse(null), end.toString());
  }

  @Test
  void aRefusal_endsTheLoopQuietly() throws Exception {
    Link pool = startTaskLoop();
    pool.send(hubRefusal());
    Optional<Throwable> end = loopEnd.poll(10, TimeUnit.SECONDS);
    assertNotNull(end, "the loop goes on");
    assertEquals(Optional.empty(), end);
  }

  /** Runs a task loop on a link of its own; returns the pool's end of it. */
  private Link startTaskLoop() throws Exception {
    BlockingQueue<Link> links = new LinkedBlockingQueue<>();
    Listener listener = Listener.open("test", (link, hello) -> links.add(link));
    closeAfter.add(listener);
    Link worker = Link.connect(listener.address(), new WireOutput());
    closeAfter.add(worker);
    Link pool = links.poll(10, TimeUnit.SECONDS);
    assertNotNull(pool, "no link was accepted");
    closeAfter.add(pool);
    Thread loop =
        new Thread(
            () -> {
              Throwable thrown = null;
              try {
                new TaskLoop(worker).run();
              } catch (Throwable t) {
                thrown = t;
              }
              loopEnd.add(Optional.ofNullable(thrown));
            },
            "task loop");
    loop.setDaemon(true);
    loop.start();
    return pool;
  }

  private static void task(WireOutput frame, int count, Object... arguments) {
    int start = frame.size();
    frame.writeInt(0);
    frame.writeVarInt(0);
    frame.writeVarInt(count);
    for (Object argument : arguments) {
      Values.write(frame, argument);
    }
    frame.setInt(start, frame.size() - start - 4);
  }

  private static WireOutput hubRefusal() {
    WireOutput out = new WireOutput();
    out.writeByte(Hub.REFUSED);
    out.writeString(Hub.CLOSED_REASON);
    return out;
  }

  /** Values, or RemoteFailures for tasks that threw. */
  private static List<Object> receiveResults(Link pool, int expected) throws Exception {
    List<Object> results = new ArrayList<>();
    while (results.size() < expected) {
      WireInput frame = pool.receive(10, TimeUnit.SECONDS);
      assertEquals(Protocol.RESULTS, frame.readByte());
      int count = frame.readInt();
      frame.readLong();
      for (int i = 0; i < count; i++) {
        frame.readInt();
        results.add(
            frame.readByte() == Protocol.RETURNED
                ? Values.read(frame)
                : Failures.readFailure(frame));
      }
    }
    return results;
  }
}

package dev.subprocess.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.subprocess.internal.wire.MalformedMessageException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The records of an outcome file as the parent reads them; the child's side writes them. */
@Timeout(10)
class OutcomeTest {
  @TempDir Path temp;

  @Test
  void returnedValue_isAResult() throws IOException {
    Outcome outcome = Outcome.parse(0, records(w -> w.returned("x"), OutcomeWriter::run));
    assertTrue(outcome.returned());
    assertEquals("x", outcome.value());
    assertEquals(0, outcome.exitCode());
  }

  @Test
  void noRecord_isNoResult() {
    Outcome exited = Outcome.parse(0, new byte[] {Outcome.EXITING});
    assertFalse(exited.returned());
    assertEquals(0, exited.exitCode());
    assertThrows(IllegalStateException.class, exited::value);
    assertFalse(Outcome.parse(0, new byte[0]).returned());
  }

  @Test
  void recordCutShort_isNoResult() throws IOException {
    byte[] whole = records(w -> w.returned("a value cut short"));
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
    assertFalse(Outcome.parse(0, cut).returned());
  }

  @Test
  void recordThatIsNotAValue_failsToDecode() {
    byte[] forged = {Outcome.RETURNED, 0, 0, 0, 2, 0, 0};
    Outcome outcome = Outcome.parse(0, forged);
    assertTrue(outcome.returned());
    assertThrows(MalformedMessageException.class, outcome::value);
  }

  @Test
  void fileThatCannotBeRead_saysWhy() {
    Outcome outcome = Outcome.read(0, temp.resolve("removed"));
    assertFalse(outcome.returned());
    assertNotNull(outcome.unreadable());
    assertTrue(outcome.unreadable().contains("removed"), outcome.unreadable());
  }

  @Test
  void recordThatCannotBeWritten_leavesNoResult() throws IOException {
    // /dev/full refuses every write, as a full disk does.
    try (FileOutputStream full = new FileOutputStream("/dev/full", true)) {
      OutcomeWriter writer = new OutcomeWriter(full);
      writer.returned("lost");
    }
    Path file = Files.createFile(temp.resolve("outcome"));
    assertFalse(Outcome.read(0, file).returned());
  }

  @Test
  void signalAfterTheMethodReturned_isIgnored() {
    byte[] records = {
      Outcome.RETURNED, 0, 0, 0, 1, 0, Outcome.EXITING, Outcome.SIGNALED, 15
    };
    Outcome outcome = Outcome.parse(0, records);
    assertEquals(0, outcome.exitCode());
    assertTrue(outcome.returned());
  }

  @Test
  void signalBeforeTheMethodReturned_isADeathBySignal() {
    byte[] records = {Outcome.SIGNALED, 15, Outcome.EXITING};
    Outcome outcome = Outcome.parse(143, records);
    assertEquals(-15, outcome.exitCode());
    assertFalse(outcome.returned());
  }

  @Test
  void failure_isData() throws IOException {
    Outcome outcome =
        Outcome.parse(1, records(w -> w.threw(new IllegalStateException("boom"))));
    assertEquals(1, outcome.exitCode());
    assertFalse(outcome.returned());
    assertNotNull(outcome.failure());
    assertNull(Outcome.parse(1, new byte[0]).failure());
  }

  @Test
  void exitStatusAbove128_isASignalOnlyWithoutShutdown() {
    assertEquals(-9, Outcome.parse(137, new byte[0]).exitCode());
    assertEquals(137, Outcome.parse(137, new byte[] {Outcome.EXITING}).exitCode());
  }

  private interface Records {
    void write(OutcomeWriter writer) throws IOException;
  }

  private byte[] records(Records... steps) throws IOException {
    Path file = Files.createTempFile(temp, "outcome", "");
    try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
      OutcomeWriter writer = new OutcomeWriter(out);
      for (Records step : steps) {
        step.write(writer);
      }
    }
    return Files.readAllBytes(file);
  }
}

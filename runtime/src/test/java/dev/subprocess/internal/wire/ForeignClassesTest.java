package dev.subprocess.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A message names the classes of its enums, records and arrays: only classes a program can
 * declare as transferable are looked up, never the JDK's or the runtime's own internals.
 */
class ForeignClassesTest {

  private static byte[] enumConstant(String className, String constant) {
    WireOutput out = new WireOutput();
    out.writeByte(Values.ENUM);
    out.writeString(className);
    out.writeString(constant);
    return out.toByteArray();
  }

  private static void assertRefused(byte[] message) {
    MalformedMessageException e =
        assertThrows(MalformedMessageException.class, () -> Values.decode(message));
    assertTrue(e.getMessage().contains("is refused"), e.getMessage());
  }

  @Test
  void enumOfAPackageTheJdkDoesNotExport_isRefused() {
    assertRefused(enumConstant("sun.invoke.util.Wrapper", "INT"));
    assertRefused(enumConstant("sun.net.ftp.FtpReplyCode", "COMMAND_OK"));
    assertRefused(enumConstant("sun.security.util.KnownOIDs", "CommonName"));
  }

  @Test
  void arrayOfAnEnumTheJdkDoesNotExport_isRefused() {
    WireOutput out = new WireOutput();
    out.writeByte(Values.ARRAY);
    out.writeString("[Lsun.invoke.util.Wrapper;");
    out.writeVarInt(0);
    assertRefused(out.toByteArray());
  }

  @Test
  void enumOfTheRuntimesOwnInternals_isRefused() {
    assertRefused(enumConstant("dev.subprocess.internal.pool.Worker$State", "READY"));
  }

  @Test
  void recordOfTheRuntimesOwnInternals_isRefused() {
    WireOutput out = new WireOutput();
    out.writeByte(Values.RECORD);
    out.writeString("dev.subprocess.internal.wire.RemoteFailure");
    out.writeVarInt(5);
    assertRefused(out.toByteArray());
  }

  @Test
  void enumsOfExportedJdkPackages_stillTravel() {
    List<Object> values = List.of(DayOfWeek.FRIDAY, TimeUnit.SECONDS);
    assertEquals(values, Values.decode(Values.encode(values)));
    assertEquals(
        List.of(DayOfWeek.MONDAY),
        List.of((Object[]) Values.decode(Values.encode(new DayOfWeek[] {DayOfWeek.MONDAY}))));
  }
}

package dev.subprocess.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ArgumentsTest {
  @Test
  void arguments_roundTrip() {
    Object[] arguments = {"Ada", 3, null, List.of(1L, 2L), new int[] {4, 5}};
    WireOutput out = new WireOutput(0);
    Arguments.write(out, arguments);
    WireInput in = new WireInput(out.toByteArray());
    Object[] read = Arguments.read(in, arguments.length);
    in.expectEnd();
    assertEquals("Ada", read[0]);
    assertEquals(3, read[1]);
    assertEquals(null, read[2]);
    assertEquals(List.of(1L, 2L), read[3]);
    assertArrayEquals(new int[] {4, 5}, (int[]) read[4]);
    assertEquals(0, Arguments.read(new WireInput(new byte[] {0})).length);
  }

  @Test
  void forgedHugeCount_isRefusedBeforeAllocating() {
    WireOutput out = new WireOutput(0);
    out.writeVarInt(Integer.MAX_VALUE);
    out.writeRaw(new byte[64], 0, 64);
    byte[] message = out.toByteArray();
    MalformedMessageException unknown =
        assertThrows(MalformedMessageException.class, () -> Arguments.read(new WireInput(message)));
    assertTrue(unknown.getMessage().contains("at most 255"), unknown.getMessage());
    MalformedMessageException known =
        assertThrows(
            MalformedMessageException.class, () -> Arguments.read(new WireInput(message), 2));
    assertTrue(known.getMessage().contains("takes 2"), known.getMessage());
  }

  @Test
  void countAboveTheBytesLeft_isRefused() {
    byte[] message = {(byte) 200, 1, 0, 0};
    MalformedMessageException e =
        assertThrows(MalformedMessageException.class, () -> Arguments.read(new WireInput(message)));
    assertTrue(e.getMessage().contains("do not fit"), e.getMessage());
    assertThrows(MalformedMessageException.class, () -> Arguments.read(new WireInput(message), 200));
  }

  @Test
  void countOtherThanTheMethods_isRefused() {
    WireOutput out = new WireOutput(0);
    Arguments.write(out, new Object[] {1, 2});
    assertThrows(
        MalformedMessageException.class, () -> Arguments.read(new WireInput(out.toByteArray()), 3));
  }

  @Test
  void argumentThatIsNotTransferable_writesNothing() {
    WireOutput out = new WireOutput(0);
    out.writeByte(7);
    assertThrows(
        IllegalArgumentException.class,
        () -> Arguments.write(out, new Object[] {"ok", new Object()}));
    assertEquals(1, out.size());
  }

  @Test
  void moreArgumentsThanAMethodTakes_areRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Arguments.write(new WireOutput(0), new Object[Arguments.MAX_COUNT + 1]));
  }
}

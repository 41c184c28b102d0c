package dev.subprocess.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class WireTest {
  @Test
  void primitives_roundTrip() {
    WireOutput out = new WireOutput(0);
    out.writeByte(-1);
    out.writeBoolean(true);
    out.writeShort(Short.MIN_VALUE);
    out.writeChar('\uFFFF');
    out.writeInt(Integer.MIN_VALUE);
    out.writeLong(Long.MIN_VALUE);
    out.writeFloat(-0.0f);
    out.writeDouble(Double.longBitsToDouble(0x7ff0000000000123L));
    out.writeVarInt(0);
    out.writeVarInt(127);
    out.writeVarInt(128);
    out.writeVarInt(Integer.MAX_VALUE);
    out.writeBytes(new byte[] {1, 2, 3});
    out.writeRaw(new byte[] {9, 8, 7}, 1, 2);
    WireInput in = new WireInput(out.toByteArray());
    assertEquals(-1, in.readByte());
    assertTrue(in.readBoolean());
    assertEquals(Short.MIN_VALUE, in.readShort());
    assertEquals('\uFFFF', in.readChar());
    assertEquals(Integer.MIN_VALUE, in.readInt());
    assertEquals(Long.MIN_VALUE, in.readLong());
    assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(in.readFloat()));
    assertEquals(0x7ff0000000000123L, Double.doubleToRawLongBits(in.readDouble()));
    assertEquals(0, in.readVarInt());
    assertEquals(127, in.readVarInt());
    assertEquals(128, in.readVarInt());
    assertEquals(Integer.MAX_VALUE, in.readVarInt());
    assertArrayEquals(new byte[] {1, 2, 3}, in.readBytes());
    byte[] raw = new byte[2];
    in.readRaw(raw, 0, 2);
    assertArrayEquals(new byte[] {8, 7}, raw);
    assertEquals(0, in.remaining());
    in.expectEnd();
  }

  @Test
  void bigEndian_andVarIntLayout() {
    WireOutput out = new WireOutput();
    out.writeInt(0x01020304);
    out.writeVarInt(300);
    assertArrayEquals(new byte[] {1, 2, 3, 4, (byte) 0xAC, 0x02}, out.toByteArray());
  }

  @Test
  void strings_roundTrip() {
    String[] strings = {
      "", "ascii", "é", "日本語", "😀", "a😀é日\u0000\u007F\u0080\u07FF\u0800\uFFFF", "x".repeat(10_000),
      "\uDBFF\uDFFF"
    };
    WireOutput out = new WireOutput(1);
    for (String s : strings) {
      out.writeString(s);
    }
    WireInput in = new WireInput(out.array(), 0, out.size());
    for (String s : strings) {
      assertEquals(s, in.readString());
    }
    in.expectEnd();
  }

  @Test
  void loneSurrogates_roundTripExactly() {
    String[] strings = {
      "a\uD800b", "\uDC00", "x\uD83D", "\uDE00\uD83D", "\uD83D\uD83D\uDE00", "\uDBFF",
      "\uDFFF\uDBFF\uDFFF\uD800", "é\uD800", "\uD800".repeat(1000) + "ascii"
    };
    WireOutput out = new WireOutput();
    for (String s : strings) {
      out.writeString(s);
    }
    WireInput in = new WireInput(out.toByteArray());
    for (String s : strings) {
      assertEquals(s, in.readString());
    }
    in.expectEnd();
  }

  @Test
  void loneSurrogate_isThreeBytes_andAPairFourAsInUtf8() {
    WireOutput out = new WireOutput();
    out.writeString("\uD800");
    out.writeString("\uD83D\uDE00");
    assertArrayEquals(
        new byte[] {3, (byte) 0xED, (byte) 0xA0, (byte) 0x80, 4, (byte) 0xF0, (byte) 0x9F,
            (byte) 0x98, (byte) 0x80},
        out.toByteArray());
  }

  @Test
  void nonAsciiString_writtenAfterAsciiPrefix_hasRightLength() {
    WireOutput out = new WireOutput();
    out.writeString("a".repeat(200) + "é");
    assertEquals(2 + 202, out.size());
    assertEquals("a".repeat(200) + "é", new WireInput(out.toByteArray()).readString());
  }

  @Test
  void invalidUtf8_isMalformed() {
    int[][] cases = {
      {0xC0, 0x80}, {0xC1, 0xBF}, {0xE0, 0x80, 0x80}, {0xF0, 0x80, 0x80, 0x80},
      {0xF4, 0x90, 0x80, 0x80}, {0xF5, 0x80, 0x80, 0x80}, {0x80}, {0xE2, 0x82}, {0xE2, 0x28, 0xA1},
      {0xFF},
      // A pair as two 3-byte sequences: it has one encoding only, the 4-byte one.
      {0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80}, {0xED, 0xA0}
    };
    for (int[] bytes : cases) {
      WireOutput out = new WireOutput();
      out.writeVarInt(bytes.length);
      for (int b : bytes) {
        out.writeByte(b);
      }
      MalformedMessageException e =
          assertThrows(
              MalformedMessageException.class, () -> new WireInput(out.toByteArray()).readString());
      assertTrue(e.getMessage().startsWith("invalid UTF-8 at offset 1"), e.getMessage());
    }
  }

  @Test
  void truncatedReads_areMalformed() {
    byte[] three = {1, 2, 3};
    assertThrows(MalformedMessageException.class, () -> new WireInput(three).readLong());
    assertThrows(MalformedMessageException.class, () -> new WireInput(three).readInt());
    assertThrows(MalformedMessageException.class, () -> new WireInput(three, 3, 0).readByte());
    assertThrows(MalformedMessageException.class, () -> new WireInput(three, 2, 1).readShort());
    assertThrows(
        MalformedMessageException.class, () -> new WireInput(new byte[] {(byte) 0x80}).readVarInt());
    MalformedMessageException e =
        assertThrows(MalformedMessageException.class, () -> new WireInput(three, 1, 2).readInt());
    assertEquals("truncated: 4 bytes needed but 2 remain at offset 0", e.getMessage());
    assertEquals(0, e.offset());
  }

  @Test
  void varIntsOutOfRange_areMalformed() {
    byte[][] cases = {
      {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x08},
      {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F},
      {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00},
    };
    for (byte[] bytes : cases) {
      MalformedMessageException e =
          assertThrows(MalformedMessageException.class, () -> new WireInput(bytes).readVarInt());
      assertEquals("varint is negative or larger than 2^31 - 1 at offset 0", e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> new WireOutput().writeVarInt(-1));
  }

  @Test
  void hugeDeclaredLengths_failWithoutAllocating() {
    WireOutput out = new WireOutput();
    out.writeVarInt(Integer.MAX_VALUE);
    byte[] header = out.toByteArray();
    assertThrows(MalformedMessageException.class, () -> new WireInput(header).readString());
    assertThrows(MalformedMessageException.class, () -> new WireInput(header).readBytes());
    assertThrows(MalformedMessageException.class, () -> new WireInput(header).readCount(1));
    WireOutput five = new WireOutput();
    five.writeVarInt(5);
    five.writeInt(0);
    five.writeInt(0);
    MalformedMessageException e =
        assertThrows(
            MalformedMessageException.class, () -> new WireInput(five.toByteArray()).readCount(2));
    assertEquals(
        "declared count 5 does not fit in the 8 bytes that remain at offset 0", e.getMessage());
  }

  @Test
  void positionsAreRelativeToTheRange() {
    byte[] bytes = {9, 9, 0, 0, 0, 7, 9};
    WireInput in = new WireInput(bytes, 2, 4);
    assertEquals(0, in.position());
    assertEquals(7, in.readInt());
    assertEquals(4, in.position());
    assertEquals(0, in.remaining());
    assertThrows(IndexOutOfBoundsException.class, () -> new WireInput(bytes, 5, 3));
  }

  @Test
  void expectEnd_refusesTrailingBytes() {
    MalformedMessageException e =
        assertThrows(MalformedMessageException.class, () -> new WireInput(new byte[2]).expectEnd());
    assertEquals("2 unexpected bytes after the end of the message at offset 0", e.getMessage());
  }

  @Test
  void booleanOtherThanZeroOrOne_isMalformed() {
    assertThrows(MalformedMessageException.class, () -> new WireInput(new byte[] {2}).readBoolean());
  }

  @Test
  void setInt_patchesInPlace_andBufferOperationsWork() throws IOException {
    WireOutput out = new WireOutput(2);
    out.writeInt(0);
    out.writeString("hello");
    out.setInt(0, out.size() - 4);
    assertThrows(IndexOutOfBoundsException.class, () -> out.setInt(out.size() - 3, 1));
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    out.writeTo(sink);
    assertArrayEquals(out.toByteArray(), sink.toByteArray());
    WireInput in = new WireInput(out.array(), 0, out.size());
    assertEquals(6, in.readInt());
    assertEquals("hello", in.readString());
    out.truncate(4);
    assertEquals(4, out.size());
    out.reset();
    assertEquals(0, out.size());
    assertThrows(IndexOutOfBoundsException.class, () -> out.truncate(1));
  }
}

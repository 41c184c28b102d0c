package dev.subprocess.internal.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Messages forged to make a decoder allocate far more than their length: containers nested as
 * deep as the codec allows, each declaring as many elements as the bytes that remain could hold.
 * Each message is {@code size} bytes long.
 */
final class Forgeries {
  private final int size;

  private Forgeries(int size) {
    this.size = size;
  }

  /** Every forgery of {@code size} bytes, by name. */
  static Map<String, byte[]> all(int size) {
    Forgeries f = new Forgeries(size);
    Map<String, byte[]> all = new LinkedHashMap<>();
    all.put("nested lists", f.nested(Values.LIST, 1));
    all.put("nested sets", f.nested(Values.SET, 1));
    all.put("nested maps", f.nested(Values.MAP, 2));
    all.put("nested arrays of lists", f.nestedArraysOfLists());
    all.put("nested String arrays", f.nestedStringArrays());
    all.put("nested lists of primitive arrays", f.nestedListsOfPrimitiveArrays());
    all.put("nested lists of strings", f.nestedListsOfStrings());
    return all;
  }

  /**
   * {@code depth} containers of {@code tag}, each the first element of the one around it and each
   * declaring as many elements as what follows can hold; the innermost is followed by nulls.
   */
  private byte[] nested(byte tag, int bytesEach) {
    int depth = Values.MAX_DEPTH;
    WireOutput out = new WireOutput(size);
    for (int i = 0; i < depth; i++) {
      out.writeByte(tag);
      out.writeVarInt((size - out.size() - 5) / bytesEach);
    }
    return fill(out);
  }

  /** An array of lists whose first element is a list whose first element is such an array... */
  private byte[] nestedArraysOfLists() {
    WireOutput out = new WireOutput(size);
    for (int i = 0; i < Values.MAX_DEPTH / 2; i++) {
      out.writeByte(Values.ARRAY);
      out.writeString("[Ljava.util.List;");
      out.writeVarInt(size - out.size() - 5);
      out.writeByte(Values.LIST);
      out.writeVarInt(size - out.size() - 5);
    }
    return fill(out);
  }

  /** {@code String[][]...[]} as deep as the JVM allows, each declaring all the rest. */
  private byte[] nestedStringArrays() {
    WireOutput out = new WireOutput(size);
    for (int dimensions = 255; dimensions >= 1; dimensions--) {
      out.writeByte(Values.ARRAY);
      out.writeString("[".repeat(dimensions) + "Ljava.lang.String;");
      out.writeVarInt(size - out.size() - 5);
    }
    return fill(out);
  }

  /** Nested lists whose innermost elements are primitive arrays of every kind. */
  private byte[] nestedListsOfPrimitiveArrays() {
    WireOutput out = new WireOutput(size);
    for (int i = 0; i < Values.MAX_DEPTH - 1; i++) {
      out.writeByte(Values.LIST);
      out.writeVarInt(size - out.size() - 5);
    }
    byte[] tags = {
      Values.BYTES, Values.BOOLEAN_ARRAY, Values.SHORT_ARRAY, Values.CHAR_ARRAY, Values.INT_ARRAY,
      Values.LONG_ARRAY, Values.FLOAT_ARRAY, Values.DOUBLE_ARRAY
    };
    for (byte tag : tags) {
      out.writeByte(tag);
      out.writeVarInt(1);
      out.writeLong(0); // at least one element of each kind
    }
    return fill(out);
  }

  /** Nested lists whose innermost elements are strings. */
  private byte[] nestedListsOfStrings() {
    WireOutput out = new WireOutput(size);
    for (int i = 0; i < Values.MAX_DEPTH; i++) {
      out.writeByte(Values.LIST);
      out.writeVarInt(size - out.size() - 5);
    }
    while (out.size() < size - 100) {
      out.writeByte(Values.STRING);
      out.writeString("forged");
    }
    return fill(out);
  }

  /** Pads with nulls up to {@code size}. */
  private byte[] fill(WireOutput out) {
    while (out.size() < size) {
      out.writeByte(Values.NULL);
    }
    return out.toByteArray();
  }
}

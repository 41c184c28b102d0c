package dev.subprocess.internal.wire;

/**
 * Decodes WTF-8 that {@link WireInput} has checked: UTF-8 whose lone surrogates are written as 3
 * bytes each. Only strings that hold a lone surrogate come here; the rest are decoded by the JDK.
 */
final class Wtf8 {
  private Wtf8() {}

  /** The string of the checked bytes {@code b[from..to)}. */
  static String decode(byte[] b, int from, int to) {
    char[] chars = new char[to - from]; // never more chars than bytes
    int n = 0;
    int p = from;
    while (p < to) {
      int lead = b[p] & 0xFF;
      if (lead < 0x80) {
        chars[n++] = (char) lead;
        p += 1;
      } else if (lead < 0xE0) {
        chars[n++] = (char) ((lead & 0x1F) << 6 | b[p + 1] & 0x3F);
        p += 2;
      } else if (lead < 0xF0) {
        chars[n++] = (char) ((lead & 0x0F) << 12 | (b[p + 1] & 0x3F) << 6 | b[p + 2] & 0x3F);
        p += 3;
      } else {
        int codePoint =
            (lead & 0x07) << 18 | (b[p + 1] & 0x3F) << 12 | (b[p + 2] & 0x3F) << 6
                | b[p + 3] & 0x3F;
        chars[n++] = Character.highSurrogate(codePoint);
        chars[n++] = Character.lowSurrogate(codePoint);
        p += 4;
      }
    }
    return new String(chars, 0, n);
  }
}

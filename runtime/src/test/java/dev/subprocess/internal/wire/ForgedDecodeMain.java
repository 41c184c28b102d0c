package dev.subprocess.internal.wire;

import java.util.Map;

/**
 * Decodes every {@link Forgeries forgery} in this JVM, which a test starts with a small heap, and
 * prints, for the forgeries of 1 MiB, one line for each: its name, a tab, and {@code malformed}, {@code decoded} or the name
 * of what else was thrown.
 */
public final class ForgedDecodeMain {
  private ForgedDecodeMain() {}

  public static void main(String[] args) {
    for (Map.Entry<String, byte[]> forgery : Forgeries.all(1 << 20).entrySet()) {
      String outcome;
      try {
        Values.decode(forgery.getValue());
        outcome = "decoded";
      } catch (MalformedMessageException e) {
        outcome = "malformed";
      } catch (Throwable e) {
        outcome = e.getClass().getName();
      }
      System.out.println(forgery.getKey() + "\t" + outcome);
    }
  }
}

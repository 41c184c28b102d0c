package dev.subprocess.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the one kind of JSON the Python scripts print: a flat object of numbers, {@code
 * {"seconds": 0.0841, "count": 20000}}. Anything else is refused, so that a script that prints
 * something unexpected fails loudly instead of being misread.
 */
final class FlatJson {
  private static final Pattern MEMBER =
      Pattern.compile("\\s*\"([^\"\\\\]+)\"\\s*:\\s*(-?[0-9][0-9.eE+-]*)\\s*(,|$)");

  private FlatJson() {}

  static Map<String, Double> parseNumbers(String line) {
    String text = line.strip();
    if (!text.startsWith("{") || !text.endsWith("}")) {
      throw new IllegalArgumentException("not a JSON object: " + line);
    }
    String body = text.substring(1, text.length() - 1).strip();
    Map<String, Double> members = new LinkedHashMap<>();
    Matcher matcher = MEMBER.matcher(body);
    int position = 0;
    while (position < body.length()) {
      if (!matcher.find(position) || matcher.start() != position) {
        throw new IllegalArgumentException("not a flat object of numbers: " + line);
      }
      members.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
      position = matcher.end();
    }
    return members;
  }
}

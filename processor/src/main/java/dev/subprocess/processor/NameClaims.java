package dev.subprocess.processor;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.lang.model.element.ExecutableElement;

/**
 * The classes that the {@code @Subprocess} methods of this compilation would generate, across
 * rounds: two methods that would write the same class collide.
 */
final class NameClaims {
  /** Generated class → the methods that would write it, with how to name each in a message. */
  private final Map<String, SortedMap<MethodKey, String>> claims = new TreeMap<>();

  void claim(ExecutableElement method, GeneratedNames names) {
    MethodKey key = MethodKey.of(method);
    for (String name : names.qualifiedNames()) {
      claims.computeIfAbsent(name, unused -> new TreeMap<>()).put(key, describe(method));
    }
  }

  /** The other methods that would write the same class, as a message names them. */
  List<String> othersClaiming(String qualifiedName, ExecutableElement method) {
    MethodKey key = MethodKey.of(method);
    return claims.getOrDefault(qualifiedName, new TreeMap<>()).entrySet().stream()
        .filter(claim -> !claim.getKey().equals(key))
        .map(Map.Entry::getValue)
        .toList();
  }

  boolean isClaimed(String qualifiedName) {
    return claims.containsKey(qualifiedName);
  }

  /** {@code greet(String, int) in com.acme.Owner}. */
  private static String describe(ExecutableElement method) {
    return TypeDisplay.signature(method) + " in " + MethodKey.of(method).type();
  }
}

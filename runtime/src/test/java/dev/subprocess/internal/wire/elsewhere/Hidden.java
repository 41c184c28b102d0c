package dev.subprocess.internal.wire.elsewhere;

import java.util.List;

/** Records that are not public, in a package other than the codec's. */
public final class Hidden {
  private Hidden() {}

  record Secret(String code, int level) {}

  private record Vault(List<Secret> secrets) {}

  public static Object secret(String code, int level) {
    return new Secret(code, level);
  }

  public static Object vault(String... codes) {
    Secret[] secrets = new Secret[codes.length];
    for (int i = 0; i < codes.length; i++) {
      secrets[i] = new Secret(codes[i], i);
    }
    return new Vault(List.of(secrets));
  }
}

package dev.subprocess.internal.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacSha256Test {
  @Test
  void sha256MatchesTheJdkAtEveryLengthAroundABlock() throws Exception {
    MessageDigest jdk = MessageDigest.getInstance("SHA-256");
    Random random = new Random(42);
    for (int length = 0; length < 300; length++) {
      byte[] message = new byte[length];
      random.nextBytes(message);
      assertArrayEquals(jdk.digest(message), HmacSha256.sha256(message), "length " + length);
    }
  }

  @Test
  void hmacMatchesTheJdk() throws Exception {
    Random random = new Random(7);
    for (int keyLength : new int[] {0, 1, 32, 63, 64}) {
      byte[] key = new byte[keyLength];
      random.nextBytes(key);
      byte[] message = new byte[53];
      random.nextBytes(message);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
      if (key.length > 0) {
        assertArrayEquals(mac.doFinal(message), HmacSha256.mac(key, message));
      }
    }
  }

  @Test
  void rfc4231TestCase2() {
    byte[] mac =
        HmacSha256.mac(
            "Jefe".getBytes(StandardCharsets.US_ASCII),
            "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));
    StringBuilder hex = new StringBuilder();
    for (byte b : mac) {
      hex.append(String.format("%02x", b));
    }
    org.junit.jupiter.api.Assertions.assertEquals(
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", hex.toString());
  }
}

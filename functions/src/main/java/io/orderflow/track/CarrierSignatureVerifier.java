package io.orderflow.track;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook call comes from the carrier and is fresh: {@code X-Carrier-Signature:
 * v1=<hex>} is HMAC-SHA256 over {@code "{timestamp}.{raw body}"} with the carrier's secret, and
 * {@code X-Carrier-Timestamp} (unix seconds) lies within five minutes of now, so a captured call
 * cannot be replayed later. During a secret rotation the carrier sends one {@code v1=} value per
 * secret, comma-separated; any match is enough.
 */
public final class CarrierSignatureVerifier {

  public static final String TIMESTAMP_HEADER = "X-Carrier-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Carrier-Signature";

  static final Duration TOLERANCE = Duration.ofSeconds(300);

  private static final String SCHEME = "v1=";
  private static final String ALGORITHM = "HmacSHA256";

  private final CarrierSecrets secrets;
  private final Clock clock;

  public CarrierSignatureVerifier(CarrierSecrets secrets, Clock clock) {
    this.secrets = secrets;
    this.clock = clock;
  }

  /** True if the headers carry a fresh, valid signature of {@code body} by {@code carrier}. */
  public boolean verify(String carrier, String timestamp, String signatures, String body) {
    if (carrier == null || timestamp == null || signatures == null || !isFresh(timestamp)) {
      return false;
    }
    String secret = secrets.secretFor(carrier).orElse(null);
    if (secret == null) {
      return false;
    }
    byte[] expected = hmac(secret, timestamp, body);
    for (String signature : signatures.split(",")) {
      String value = signature.trim();
      if (value.startsWith(SCHEME) && MessageDigest.isEqual(expected, parseHex(value.substring(SCHEME.length())))) {
        return true;
      }
    }
    return false;
  }

  /** The {@code X-Carrier-Signature} value a carrier sends: how the simulated carrier signs. */
  public static String sign(String secret, String timestamp, String body) {
    return SCHEME + HexFormat.of().formatHex(hmac(secret, timestamp, body));
  }

  private boolean isFresh(String timestamp) {
    if (!timestamp.matches("\\d{1,12}")) {
      return false;
    }
    long seconds = Long.parseLong(timestamp);
    long now = clock.instant().getEpochSecond();
    return seconds >= now - TOLERANCE.toSeconds() && seconds <= now + TOLERANCE.toSeconds();
  }

  private static byte[] parseHex(String hex) {
    try {
      return HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  private static byte[] hmac(String secret, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return mac.doFinal((timestamp + "." + (body == null ? "" : body)).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }
}

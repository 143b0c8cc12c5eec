package io.orderflow.dispatch;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Tracking numbers derived from the carrier and the order id: a retried dispatch labels the same
 * parcel with the same number instead of creating a second one. Public for the local tools that
 * recognise a sample carrier event's order by its tracking number.
 */
public final class TrackingNumbers {

  private static final int LENGTH = 12;

  private TrackingNumbers() {}

  /** E.g. {@code SIM} + 12 uppercase letters and digits for carrier {@code simcarrier}. */
  public static String forOrder(String carrier, String orderId) {
    String prefix = carrier.replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
    if (prefix.length() < 3) {
      throw new IllegalArgumentException("carrier name needs three letters: " + carrier);
    }
    // 36^12 ≈ 4.7e18 numbers: collisions stay negligible at any order volume.
    String digits = new BigInteger(1, sha256(carrier + "/" + orderId)).toString(36).toUpperCase(Locale.ROOT);
    return prefix.substring(0, 3) + digits.substring(0, LENGTH);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}

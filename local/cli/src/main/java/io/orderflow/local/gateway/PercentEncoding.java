package io.orderflow.local.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Percent-encoding as URLs carry it: every {@code %} followed by two hex digits. */
final class PercentEncoding {

  private PercentEncoding() {}

  static boolean isValid(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length() || !isHex(raw.charAt(i + 1)) || !isHex(raw.charAt(i + 2))) {
          return false;
        }
        i += 2;
      } else if (c <= 0x20 || c >= 0x7F) {
        return false;
      }
    }
    return true;
  }

  /** Decodes a valid value; a {@code +} stays a plus, as API Gateway leaves it in paths and queries. */
  static String decode(String value) {
    return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}

package io.orderflow.platform;

import java.util.Arrays;
import java.util.stream.Collectors;

final class Names {

  private Names() {}

  /** {@code carrier-requests} → {@code CarrierRequests}. */
  static String pascal(String kebab) {
    return Arrays.stream(kebab.split("[-_]"))
        .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1).toLowerCase())
        .collect(Collectors.joining());
  }
}

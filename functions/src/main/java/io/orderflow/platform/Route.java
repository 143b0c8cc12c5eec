package io.orderflow.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP route: method, path template with {@code {param}} segments as API Gateway writes them,
 * who may call it, and the function that serves it.
 */
public record Route(String method, String path, Access access, LambdaFunction function) {

  /** Who may call a route. Ops routes also need the {@code ops} group, checked by the handler. */
  public enum Access {
    CUSTOMER,
    OPS,
    /** No authorizer: the carrier webhook proves itself with an HMAC signature. */
    CARRIER,
    /** No authorizer and nothing to prove: {@code GET /health}, which tools probe before anything else. */
    PUBLIC
  }

  /** Whether the gateway lets the call through only with a valid bearer token (the authorizer's job). */
  public boolean requiresToken() {
    return access == Access.CUSTOMER || access == Access.OPS;
  }

  /** The path's segments, e.g. {@code ["orders", "{orderId}", "cancel"]}. */
  public List<String> segments() {
    List<String> segments = new ArrayList<>();
    for (String segment : path.substring(1).split("/")) {
      segments.add(segment);
    }
    return segments;
  }

  /** Path parameters if {@code actualPath} matches this route's template. */
  public Optional<Map<String, String>> match(String actualPath) {
    String trimmed = actualPath.endsWith("/") && actualPath.length() > 1
        ? actualPath.substring(0, actualPath.length() - 1)
        : actualPath;
    if (!trimmed.startsWith("/")) {
      return Optional.empty();
    }
    String[] actual = trimmed.substring(1).split("/", -1);
    List<String> template = segments();
    if (actual.length != template.size()) {
      return Optional.empty();
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < actual.length; i++) {
      String expected = template.get(i);
      if (expected.startsWith("{") && expected.endsWith("}")) {
        if (actual[i].isEmpty()) {
          return Optional.empty();
        }
        parameters.put(expected.substring(1, expected.length() - 1), actual[i]);
      } else if (!expected.equals(actual[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(parameters);
  }
}

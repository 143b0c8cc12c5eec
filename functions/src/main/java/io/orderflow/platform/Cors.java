package io.orderflow.platform;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which browser origins may call the shop and ops routes (a shop's web frontend usually lives on
 * its own domain). One policy for every place that answers: the API functions add the response
 * headers, CDK deploys the preflight and the gateway's own error responses, the local gateway does
 * both. The carrier webhook is server to server and never gets them.
 *
 * <p>Tokens travel in the {@code Authorization} header, not in cookies, so no route allows
 * credentials and a wildcard origin cannot be used for request forgery.
 *
 * @param origins exact origins such as {@code https://shop.example.com}, or {@code *} for any;
 *     empty means same-origin only: no CORS headers at all
 */
public record Cors(List<String> origins) {

  /** The API functions' setting: a comma-separated list of origins, or {@code *}. */
  public static final String ENVIRONMENT_VARIABLE = "CORS_ALLOWED_ORIGINS";

  public static final String ANY = "*";

  /** The request headers API.md's routes read. */
  public static final List<String> ALLOWED_HEADERS = List.of("Authorization", "Content-Type", "Idempotency-Key");

  /** Response headers a browser script may read besides the simple ones. */
  public static final List<String> EXPOSED_HEADERS = List.of("Location");

  /** How long a browser may cache a preflight answer. */
  public static final Duration MAX_AGE = Duration.ofHours(1);

  public static final Cors NONE = new Cors(List.of());

  public Cors {
    origins = List.copyOf(origins);
    if (origins.contains(ANY) && origins.size() > 1) {
      throw new IllegalArgumentException("'*' allows every origin and cannot be listed with others: " + origins);
    }
    for (String origin : origins) {
      if (!origin.equals(ANY) && !origin.matches("https?://[^/\\s*]+")) {
        throw new IllegalArgumentException(
            "a CORS origin is a scheme and host without a path, like https://shop.example.com: " + origin);
      }
    }
  }

  /** Parses {@code "https://a.example, https://b.example"}; blank means {@link #NONE}. */
  public static Cors parse(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return NONE;
    }
    return new Cors(Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
  }

  public static Cors fromEnvironment(Map<String, String> environment) {
    return parse(environment.get(ENVIRONMENT_VARIABLE));
  }

  public boolean enabled() {
    return !origins.isEmpty();
  }

  /** The {@code Access-Control-Allow-Origin} value for a request from {@code origin}, if it is allowed. */
  public Optional<String> allowOrigin(String origin) {
    if (origins.contains(ANY)) {
      return Optional.of(ANY);
    }
    return origin != null && origins.contains(origin) ? Optional.of(origin) : Optional.empty();
  }

  /** Headers for an actual (non-preflight) response to a request from {@code origin}. */
  public Map<String, String> responseHeaders(String origin) {
    Map<String, String> headers = new LinkedHashMap<>();
    allowOrigin(origin).ifPresent(allowed -> {
      headers.put("Access-Control-Allow-Origin", allowed);
      headers.put("Access-Control-Expose-Headers", String.join(", ", EXPOSED_HEADERS));
    });
    if (enabled() && !origins.contains(ANY)) {
      // The answer depends on the Origin header: shared caches must not serve it to other origins.
      headers.put("Vary", "Origin");
    }
    return headers;
  }

  /** Headers for a preflight ({@code OPTIONS}) answer on a path that serves {@code methods}. */
  public Map<String, String> preflightHeaders(String origin, Collection<String> methods) {
    Map<String, String> headers = responseHeaders(origin);
    if (headers.containsKey("Access-Control-Allow-Origin")) {
      headers.put("Access-Control-Allow-Methods", String.join(", ", methods));
      headers.put("Access-Control-Allow-Headers", String.join(", ", ALLOWED_HEADERS));
      headers.put("Access-Control-Max-Age", String.valueOf(MAX_AGE.toSeconds()));
    }
    return headers;
  }

  /** The routes a browser may call: every route but the carrier webhook. */
  public static boolean appliesTo(Route route) {
    return route.access() != Route.Access.CARRIER;
  }
}

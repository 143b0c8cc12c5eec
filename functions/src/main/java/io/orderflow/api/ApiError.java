package io.orderflow.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer in API.md's error shape, {@code {"error": {"code", "message", "details"}}}. Thrown from
 * anywhere below the handler, which renders it; nothing is stored before a 4xx is thrown.
 */
public final class ApiError extends RuntimeException {

  /** One problem with one field of the request, e.g. {@code lines[0].quantity}. */
  public record Detail(String field, String problem) {}

  private final int status;
  private final String code;
  private final List<Detail> details;
  private final Map<String, String> headers;

  private ApiError(int status, String code, String message, List<Detail> details) {
    this(status, code, message, details, Map.of());
  }

  private ApiError(int status, String code, String message, List<Detail> details, Map<String, String> headers) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = List.copyOf(details);
    this.headers = Map.copyOf(headers);
  }

  public static ApiError validation(List<Detail> details) {
    return new ApiError(400, "VALIDATION_FAILED", "the request is not valid", details);
  }

  public static ApiError invalid(String field, String problem) {
    return validation(List.of(new Detail(field, problem)));
  }

  public static ApiError malformedJson(String message) {
    return new ApiError(400, "MALFORMED_JSON", message, List.of());
  }

  static ApiError payloadTooLarge(int limitBytes) {
    return new ApiError(413, "PAYLOAD_TOO_LARGE", "the body is larger than " + limitBytes + " bytes", List.of());
  }

  static ApiError unauthorized() {
    return new ApiError(401, "UNAUTHORIZED", "a valid bearer token is required", List.of());
  }

  static ApiError forbidden() {
    return new ApiError(403, "FORBIDDEN", "this route needs the ops group", List.of());
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, "NOT_FOUND", message, List.of());
  }

  public static ApiError conflict(String message) {
    return new ApiError(409, "CONFLICT", message, List.of());
  }

  /** 409 with {@code Retry-After}: the same request is still running and may be retried shortly. */
  public static ApiError conflictRetryLater(String message, long retryAfterSeconds) {
    return new ApiError(409, "CONFLICT", message, List.of(), retryAfter(retryAfterSeconds));
  }

  /** 429: a limit per customer was reached; {@code Retry-After} says when to try again. */
  public static ApiError tooManyRequests(String message, long retryAfterSeconds) {
    return new ApiError(429, "TOO_MANY_REQUESTS", message, List.of(), retryAfter(retryAfterSeconds));
  }

  /** 415: the body is declared as something other than JSON. */
  static ApiError unsupportedMediaType(String contentType) {
    return new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "the body must be application/json",
        List.of(new Detail("Content-Type", "is " + printable(contentType) + ", not application/json")));
  }

  private static Map<String, String> retryAfter(long seconds) {
    return Map.of("Retry-After", String.valueOf(Math.max(1, seconds)));
  }

  /** Client text echoed in a message: bounded, without control characters. */
  private static String printable(String text) {
    String bounded = text.length() > 100 ? text.substring(0, 100) + "…" : text;
    return bounded.replaceAll("\\p{Cntrl}", "?");
  }

  static ApiError keyReused() {
    return new ApiError(
        422, "IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used with a different request", List.of());
  }

  /** The carrier webhook's signature is missing, wrong or stale. */
  public static ApiError invalidSignature() {
    return new ApiError(401, "INVALID_SIGNATURE", "missing, invalid or stale carrier signature", List.of());
  }

  static ApiError internal() {
    return new ApiError(500, "INTERNAL_ERROR", "something went wrong on our side; it was logged", List.of());
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  public ApiResponse toResponse() {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", getMessage());
    error.put("details", details);
    return new ApiResponse(status, Map.of("error", error), headers);
  }
}

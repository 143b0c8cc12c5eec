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

  private ApiError(int status, String code, String message, List<Detail> details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = List.copyOf(details);
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
    return new ApiResponse(status, Map.of("error", error), Map.of());
  }
}

package io.orderflow.track;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.orderflow.order.StatusReason;
import io.orderflow.platform.Json;
import io.orderflow.track.CarrierEvent.Problem;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a webhook body strictly: one JSON object, no trailing garbage, no repeated keys, and
 * every field of the right type, so that what is stored is exactly what the carrier meant.
 */
final class CarrierEventParser {

  private static final int MAX_ID_LENGTH = 128;

  private static final ObjectReader STRICT = Json.MAPPER.reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private CarrierEventParser() {}

  /** A body that is not JSON at all ({@code MALFORMED_JSON}) or not a valid event ({@code VALIDATION_FAILED}). */
  static final class InvalidEvent extends Exception {

    private final boolean malformed;
    private final List<FieldProblem> problems;

    private InvalidEvent(boolean malformed, String message, List<FieldProblem> problems) {
      super(message);
      this.malformed = malformed;
      this.problems = List.copyOf(problems);
    }

    boolean malformed() {
      return malformed;
    }

    List<FieldProblem> problems() {
      return problems;
    }
  }

  /** What is wrong with one field, as API.md's error details show it. */
  record FieldProblem(String field, String problem) {}

  static CarrierEvent parse(String body) throws InvalidEvent {
    JsonNode root;
    try {
      root = STRICT.readTree(body == null ? "" : body);
    } catch (IOException e) {
      throw new InvalidEvent(true, "the body is not valid JSON", List.of());
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidEvent(true, "the body is empty", List.of());
    }
    if (!root.isObject()) {
      throw invalid(List.of(new FieldProblem("$", "must be a JSON object")));
    }
    List<FieldProblem> problems = new ArrayList<>();
    String eventId = id(root, "eventId", problems);
    String trackingNumber = id(root, "trackingNumber", problems);
    CarrierStatus status = status(root, problems);
    Instant occurredAt = occurredAt(root, problems);
    String location = text(root, "location", "location", false, problems);
    Problem exception = exception(root, status, problems);
    if (!problems.isEmpty()) {
      throw invalid(problems);
    }
    return new CarrierEvent(eventId, trackingNumber, status, occurredAt, location, exception);
  }

  private static InvalidEvent invalid(List<FieldProblem> problems) {
    return new InvalidEvent(false, "the tracking event is not valid", problems);
  }

  /** An identifier: a required, non-blank string of bounded length. */
  private static String id(JsonNode root, String field, List<FieldProblem> problems) {
    String value = text(root, field, field, true, problems);
    if (value != null && (value.isBlank() || value.length() > MAX_ID_LENGTH)) {
      problems.add(new FieldProblem(field, "must be 1 to " + MAX_ID_LENGTH + " characters"));
      return null;
    }
    return value;
  }

  private static String text(
      JsonNode parent, String name, String path, boolean required, List<FieldProblem> problems) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      if (required) {
        problems.add(new FieldProblem(path, "is required"));
      }
      return null;
    }
    if (!node.isTextual()) {
      problems.add(new FieldProblem(path, "must be a string"));
      return null;
    }
    return node.textValue();
  }

  private static CarrierStatus status(JsonNode root, List<FieldProblem> problems) {
    String value = text(root, "status", "status", true, problems);
    if (value == null) {
      return null;
    }
    try {
      return CarrierStatus.valueOf(value);
    } catch (IllegalArgumentException e) {
      problems.add(new FieldProblem("status", "must be one of " + Arrays.toString(CarrierStatus.values())));
      return null;
    }
  }

  private static Instant occurredAt(JsonNode root, List<FieldProblem> problems) {
    String value = text(root, "occurredAt", "occurredAt", false, problems);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem("occurredAt", "must be an ISO-8601 date-time with an offset"));
      return null;
    }
  }

  private static Problem exception(JsonNode root, CarrierStatus status, List<FieldProblem> problems) {
    JsonNode node = root.get("exception");
    if (node == null || node.isNull()) {
      if (status == CarrierStatus.EXCEPTION) {
        problems.add(new FieldProblem("exception", "is required for status EXCEPTION"));
      }
      return null;
    }
    if (!node.isObject()) {
      problems.add(new FieldProblem("exception", "must be an object"));
      return null;
    }
    String code = text(node, "code", "exception.code", true, problems);
    String message = text(node, "message", "exception.message", false, problems);
    StatusReason reason = code == null ? null : exceptionCode(code);
    if (code != null && reason == null) {
      problems.add(new FieldProblem("exception.code", "must be one of " + DeliveryException.CODES));
    }
    return reason == null ? null : new Problem(reason, message);
  }

  private static StatusReason exceptionCode(String code) {
    return DeliveryException.CODES.stream().filter(c -> c.name().equals(code)).findFirst().orElse(null);
  }
}

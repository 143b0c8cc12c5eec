package io.orderflow.track;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.api.ApiError;
import io.orderflow.api.ApiError.Detail;
import io.orderflow.api.FieldReader;
import io.orderflow.api.JsonBody;
import io.orderflow.order.StatusReason;
import io.orderflow.track.CarrierEvent.Problem;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a webhook body strictly: one JSON object, no trailing garbage, no repeated keys, and
 * every field of the right type, so that what is stored is exactly what the carrier meant. Its
 * errors are the API's, in API.md's shape.
 */
final class CarrierEventParser {

  private static final int MAX_ID_LENGTH = 128;

  private CarrierEventParser() {}

  /**
   * The event in {@code body}, read as strictly as every other request ({@link JsonBody}).
   *
   * @throws ApiError MALFORMED_JSON or PAYLOAD_TOO_LARGE for a body that is not one JSON value,
   *     VALIDATION_FAILED naming every bad field otherwise
   */
  static CarrierEvent parse(String body) {
    JsonNode root = JsonBody.parse(body);
    if (!root.isObject()) {
      throw ApiError.invalid("$", "must be a JSON object");
    }
    List<Detail> problems = new ArrayList<>();
    String eventId = id(root, "eventId", problems);
    String trackingNumber = id(root, "trackingNumber", problems);
    CarrierStatus status = status(root, problems);
    Instant occurredAt = occurredAt(root, problems);
    String location = text(root, "location", "location", false, problems);
    Problem exception = exception(root, status, problems);
    if (!problems.isEmpty()) {
      throw ApiError.validation(problems);
    }
    return new CarrierEvent(eventId, trackingNumber, status, occurredAt, location, exception);
  }

  /** An identifier: a required, non-blank string of bounded length. */
  private static String id(JsonNode root, String field, List<Detail> problems) {
    String value = text(root, field, field, true, problems);
    if (value != null && (value.isBlank() || value.length() > MAX_ID_LENGTH)) {
      problems.add(new Detail(field, "must be 1 to " + MAX_ID_LENGTH + " characters"));
      return null;
    }
    return value;
  }

  private static String text(
      JsonNode parent, String name, String path, boolean required, List<Detail> problems) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      if (required) {
        problems.add(new Detail(path, "is required"));
      }
      return null;
    }
    if (!node.isTextual()) {
      problems.add(new Detail(path, "must be a string"));
      return null;
    }
    String unstorable = FieldReader.textProblem(node.textValue(), false);
    if (unstorable != null) {
      problems.add(new Detail(path, unstorable));
      return null;
    }
    return node.textValue();
  }

  private static CarrierStatus status(JsonNode root, List<Detail> problems) {
    String value = text(root, "status", "status", true, problems);
    if (value == null) {
      return null;
    }
    try {
      return CarrierStatus.valueOf(value);
    } catch (IllegalArgumentException e) {
      problems.add(new Detail("status", "must be one of " + Arrays.toString(CarrierStatus.values())));
      return null;
    }
  }

  private static Instant occurredAt(JsonNode root, List<Detail> problems) {
    String value = text(root, "occurredAt", "occurredAt", false, problems);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      problems.add(new Detail("occurredAt", "must be an ISO-8601 date-time with an offset"));
      return null;
    }
  }

  private static Problem exception(JsonNode root, CarrierStatus status, List<Detail> problems) {
    JsonNode node = root.get("exception");
    if (node == null || node.isNull()) {
      if (status == CarrierStatus.EXCEPTION) {
        problems.add(new Detail("exception", "is required for status EXCEPTION"));
      }
      return null;
    }
    if (!node.isObject()) {
      problems.add(new Detail("exception", "must be an object"));
      return null;
    }
    String code = text(node, "code", "exception.code", true, problems);
    String message = text(node, "message", "exception.message", false, problems);
    StatusReason reason = code == null ? null : exceptionCode(code);
    if (code != null && reason == null) {
      problems.add(new Detail("exception.code", "must be one of " + DeliveryException.CODES));
    }
    return reason == null ? null : new Problem(reason, message);
  }

  private static StatusReason exceptionCode(String code) {
    return DeliveryException.CODES.stream().filter(c -> c.name().equals(code)).findFirst().orElse(null);
  }
}

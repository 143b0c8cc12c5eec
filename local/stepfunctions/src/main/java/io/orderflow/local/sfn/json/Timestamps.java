package io.orderflow.local.sfn.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The RFC 3339 timestamps of Wait states and Choice rules. */
public final class Timestamps {

  private Timestamps() {}

  /** An RFC 3339 timestamp ("2016-08-18T17:33:00Z", offsets and fractions allowed), else null. */
  public static Instant parse(JsonNode value) {
    if (value == null || !value.isTextual()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}

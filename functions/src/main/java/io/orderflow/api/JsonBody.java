package io.orderflow.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.orderflow.platform.Json;
import java.nio.charset.StandardCharsets;

/**
 * Strict parsing of request bodies: one JSON value, no duplicate keys (which would let two readers
 * see different requests), nothing after it, and at most 256 KB, the most a workflow payload
 * carries anyway.
 */
public final class JsonBody {

  public static final int MAX_BYTES = 262_144;

  private static final ObjectReader READER =
      Json.MAPPER.reader()
          .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonBody() {}

  public static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      throw ApiError.malformedJson("a JSON body is required");
    }
    if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw ApiError.payloadTooLarge(MAX_BYTES);
    }
    try {
      return READER.readTree(body);
    } catch (JsonProcessingException e) {
      // Jackson's message names its own classes and quotes the body back: keep both to the logs.
      throw ApiError.malformedJson("the body is not valid JSON");
    }
  }
}

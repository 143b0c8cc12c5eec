package io.orderflow.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.orderflow.platform.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Opaque page cursors: the key of the last item of a page as base64url JSON. Clients send them
 * back verbatim; anything that does not decode to a key of the expected shape is refused with an
 * {@link IllegalArgumentException}, which the API answers with 400 rather than letting DynamoDB
 * fail the query.
 */
final class Cursors {

  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private Cursors() {}

  /** The cursor of {@code item} for an index whose keys (table and index) are {@code keyAttributes}. */
  static String after(Map<String, AttributeValue> item, Set<String> keyAttributes) {
    Map<String, String> key = new LinkedHashMap<>();
    for (String attribute : keyAttributes) {
      key.put(attribute, item.get(attribute).s());
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(key).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The exclusive start key in {@code cursor}, or null for the first page. {@code partitionKey}
   * must carry {@code partitionValue}: a cursor only continues the query it came from.
   */
  static Map<String, AttributeValue> startKey(
      String cursor, Set<String> keyAttributes, String partitionKey, String partitionValue) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    Map<String, String> key;
    try {
      byte[] json = Base64.getUrlDecoder().decode(cursor);
      key = Json.MAPPER.readValue(json, STRING_MAP);
    } catch (IllegalArgumentException | IOException e) {
      throw new IllegalArgumentException("malformed cursor");
    }
    if (key == null || !key.keySet().equals(keyAttributes) || key.values().stream().anyMatch(v -> v == null || v.isEmpty())) {
      throw new IllegalArgumentException("malformed cursor");
    }
    if (!partitionValue.equals(key.get(partitionKey))) {
      throw new IllegalArgumentException("the cursor belongs to another query");
    }
    Map<String, AttributeValue> start = new LinkedHashMap<>();
    key.forEach((name, value) -> start.put(name, AttributeValue.fromS(value)));
    return start;
  }
}

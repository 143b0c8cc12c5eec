package io.orderflow.local.sfn.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.json.Json;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The SdkHttpMetadata / SdkResponseMetadata members that service integrations add to results. */
final class Metadata {

  private Metadata() {}

  static ObjectNode http(String requestId) {
    ObjectNode metadata = Json.object();
    ObjectNode headers = Json.object()
        .put("Content-Type", "application/json")
        .put("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
        .put("x-amzn-RequestId", requestId);
    ObjectNode all = metadata.putObject("AllHttpHeaders");
    headers.fields().forEachRemaining(f -> all.putArray(f.getKey()).add(f.getValue().asText()));
    metadata.set("HttpHeaders", headers);
    metadata.put("HttpStatusCode", 200);
    return metadata;
  }

  static ObjectNode response(String requestId) {
    return Json.object().put("RequestId", requestId);
  }
}

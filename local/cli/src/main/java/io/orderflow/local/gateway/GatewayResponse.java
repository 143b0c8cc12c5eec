package io.orderflow.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.orderflow.platform.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the gateway sends back: a handler's proxy response ({@code fromHandler}), or its own answer,
 * an error in API.md's shape or an empty preflight answer.
 */
record GatewayResponse(int status, Map<String, List<String>> headers, byte[] body, boolean fromHandler) {

  private static final String JSON = "application/json; charset=utf-8";

  static GatewayResponse error(int status, String code, String message) {
    return error(status, code, message, List.of());
  }

  /** 400 {@code VALIDATION_FAILED} for one part of the request, e.g. the path or a header. */
  static GatewayResponse invalid(String field, String problem) {
    return error(400, "VALIDATION_FAILED", "the request is not valid",
        List.of(Map.of("field", field, "problem", problem)));
  }

  /** API.md's shape; {@code details} is always there, empty when there is nothing to add. */
  static GatewayResponse error(int status, String code, String message, List<Map<String, String>> details) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("details", details);
    String body = Json.write(Map.of("error", error));
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of(JSON));
    return new GatewayResponse(status, headers, body.getBytes(StandardCharsets.UTF_8), false);
  }

  static GatewayResponse empty(int status) {
    return new GatewayResponse(status, Map.of(), new byte[0], false);
  }

  static GatewayResponse of(APIGatewayProxyResponseEvent response) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (response.getHeaders() != null) {
      response.getHeaders().forEach((name, value) -> headers.put(name, new ArrayList<>(List.of(value))));
    }
    if (response.getMultiValueHeaders() != null) {
      response.getMultiValueHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
    }
    String body = response.getBody();
    byte[] bytes;
    if (body == null) {
      bytes = new byte[0];
    } else if (Boolean.TRUE.equals(response.getIsBase64Encoded())) {
      bytes = Base64.getDecoder().decode(body);
    } else {
      bytes = body.getBytes(StandardCharsets.UTF_8);
    }
    int status = response.getStatusCode() == null ? 200 : response.getStatusCode();
    return new GatewayResponse(status, headers, bytes, true);
  }

  /** Echoes client text in a message without control characters or unbounded length. */
  static String printable(String text) {
    String bounded = text.length() > 200 ? text.substring(0, 200) + "…" : text;
    return bounded.replaceAll("\\p{Cntrl}", "?");
  }

  GatewayResponse withHeader(String name, String value) {
    return withHeaders(Map.of(name, value));
  }

  GatewayResponse withHeaders(Map<String, String> added) {
    Map<String, List<String>> next = new LinkedHashMap<>(headers);
    added.forEach((name, value) -> next.put(name, List.of(value)));
    return new GatewayResponse(status, next, body, fromHandler);
  }
}

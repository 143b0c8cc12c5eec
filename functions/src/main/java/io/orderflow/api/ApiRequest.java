package io.orderflow.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/** One matched request: the caller, path parameters from the route, query, headers and body. */
public record ApiRequest(
    Caller caller,
    Map<String, String> pathParameters,
    Map<String, String> query,
    Map<String, String> headers,
    String body) {

  static ApiRequest of(APIGatewayProxyRequestEvent event, Caller caller, Map<String, String> pathParameters) {
    // HTTP header names are case-insensitive; clients and gateways disagree on their case.
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (event.getMultiValueHeaders() != null) {
      event.getMultiValueHeaders().forEach((name, values) -> {
        if (values != null && !values.isEmpty()) {
          headers.put(name, values.get(0));
        }
      });
    }
    if (event.getHeaders() != null) {
      headers.putAll(event.getHeaders());
    }
    String body = event.getBody();
    if (body != null && Boolean.TRUE.equals(event.getIsBase64Encoded())) {
      body = decode(body);
    }
    return new ApiRequest(
        caller,
        Map.copyOf(pathParameters),
        event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters(),
        headers,
        body);
  }

  public String path(String name) {
    return pathParameters.get(name);
  }

  /** A query parameter, or null when absent. */
  public String query(String name) {
    return query.get(name);
  }

  /** A header by case-insensitive name, or null when absent. */
  public String header(String name) {
    return headers.get(name);
  }

  /** The body as a JSON tree, strictly parsed (see {@link JsonBody}). */
  public JsonNode json() {
    return JsonBody.parse(body);
  }

  private static String decode(String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiError.malformedJson("the body is marked base64 but is not");
    }
  }
}

package io.orderflow.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.orderflow.platform.Json;
import java.util.HashMap;
import java.util.Map;

/** What an endpoint answers: a status, a body mapped to JSON, and extra headers. */
public record ApiResponse(int status, Object body, Map<String, String> headers) {

  public static ApiResponse ok(Object body) {
    return new ApiResponse(200, body, Map.of());
  }

  public static ApiResponse accepted(Object body) {
    return new ApiResponse(202, body, Map.of());
  }

  public static ApiResponse acceptedAt(String location, Object body) {
    return new ApiResponse(202, body, Map.of("Location", location));
  }

  public static ApiResponse created(Object body) {
    return new ApiResponse(201, body, Map.of());
  }

  public static ApiResponse createdAt(String location, Object body) {
    return new ApiResponse(201, body, Map.of("Location", location));
  }

  public APIGatewayProxyResponseEvent toEvent() {
    Map<String, String> all = new HashMap<>(headers);
    all.put("Content-Type", "application/json; charset=utf-8");
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(status)
        .withHeaders(all)
        .withBody(Json.write(body));
  }
}

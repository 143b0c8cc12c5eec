package io.orderflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.platform.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A shop's view of the orderflow API: JSON over HTTP with one bearer token. */
public final class ApiClient {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI api;
  private final String token;

  public ApiClient(URI api, String token) {
    this.api = api;
    this.token = token;
  }

  /** POST /orders with an idempotency key. */
  public HttpResponse<String> placeOrder(String idempotencyKey, Object order) {
    return send(request("/orders")
        .header("Idempotency-Key", idempotencyKey)
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(order))));
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET());
  }

  public HttpResponse<String> post(String path, Object body) {
    return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : Json.write(body))));
  }

  public HttpResponse<String> put(String path, Object body) {
    return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(Json.write(body))));
  }

  /** GET /orders/{id} as JSON; fails unless it answers 200. */
  public JsonNode order(String orderId) {
    return json(get("/orders/" + orderId), 200);
  }

  /** The order's timeline events, oldest first. */
  public List<JsonNode> timeline(String orderId) {
    List<JsonNode> events = new ArrayList<>();
    json(get("/orders/" + orderId + "/timeline"), 200).path("events").forEach(events::add);
    return events;
  }

  /** The body of a response with the expected status, as JSON. */
  public static JsonNode json(HttpResponse<String> response, int expectedStatus) {
    if (response.statusCode() != expectedStatus) {
      throw new IllegalStateException(response.request().method() + " " + response.uri().getPath()
          + " answered " + response.statusCode() + ": " + response.body());
    }
    return Json.read(response.body(), JsonNode.class);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(api.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json");
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("the API at " + api + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}

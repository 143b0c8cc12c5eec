package io.orderflow.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.LocalFunctions;
import io.orderflow.platform.Cors;
import io.orderflow.platform.Json;
import io.orderflow.platform.LambdaFunction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway answers what API Gateway answers itself and hands the rest to the route's function. */
class ApiGatewayTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String SHOP = "https://shop.example.com";
  private static final Tokens TOKENS = new Tokens("test-secret", Clock.systemUTC());
  private static final Queue<APIGatewayProxyRequestEvent> API_CALLS = new ConcurrentLinkedQueue<>();
  private static final Queue<APIGatewayProxyRequestEvent> WEBHOOK_CALLS = new ConcurrentLinkedQueue<>();
  private static ApiGateway gateway;

  @BeforeAll
  static void start() {
    LocalFunctions functions = new LocalFunctions(Map.of(
        LambdaFunction.API, new Recording(API_CALLS),
        LambdaFunction.TRACK, new Recording(WEBHOOK_CALLS)));
    gateway = new ApiGateway(0, functions, TOKENS, Cors.parse(SHOP));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @BeforeEach
  void forgetCalls() {
    API_CALLS.clear();
    WEBHOOK_CALLS.clear();
  }

  @Test
  void passesAVerifiedCallToTheRouteFunctionAsAProxyEvent() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/orders/o-1/timeline?limit=5&cursor=a%2Bb"))
        .header("Authorization", "Bearer " + TOKENS.issue("customer-7", false))
        .header("Idempotency-Key", "key-1")
        .GET());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Handled-By")).contains("recording");
    APIGatewayProxyRequestEvent event = API_CALLS.remove();
    assertThat(event.getResource()).isEqualTo("/orders/{orderId}/timeline");
    assertThat(event.getPath()).isEqualTo("/orders/o-1/timeline");
    assertThat(event.getHttpMethod()).isEqualTo("GET");
    assertThat(event.getPathParameters()).containsExactly(Map.entry("orderId", "o-1"));
    assertThat(event.getQueryStringParameters()).containsEntry("limit", "5").containsEntry("cursor", "a+b");
    assertThat(event.getHeaders()).containsEntry("Idempotency-Key", "key-1");
    assertThat(claims(event))
        .containsEntry("sub", "customer-7")
        .containsEntry("iss", "orderflow-local")
        .containsKey("exp")
        .doesNotContainKey("cognito:groups");
  }

  @Test
  void opsTokensCarryTheOpsGroupLikeTheCognitoAuthorizer() throws Exception {
    send(HttpRequest.newBuilder(uri("/ops/inventory/SKU-1"))
        .header("Authorization", "Bearer " + TOKENS.issue("alice", true))
        .PUT(HttpRequest.BodyPublishers.ofString("{\"available\": 5}")));

    APIGatewayProxyRequestEvent event = API_CALLS.remove();
    assertThat(claims(event))
        .containsEntry("sub", "alice")
        .containsEntry("cognito:groups", "ops");
    assertThat(event.getBody()).isEqualTo("{\"available\": 5}");
  }

  @Test
  void refusesMissingForgedAndExpiredTokensBeforeAnyHandlerRuns() throws Exception {
    Tokens otherKey = new Tokens("someone-else", Clock.systemUTC());
    Tokens yesterday = new Tokens("test-secret", Clock.fixed(Instant.now().minusSeconds(86_400), ZoneOffset.UTC));

    for (String authorization : new String[] {
        null, "Bearer", "Bearer not-a-jwt", "Basic dXNlcjpwYXNz",
        "Bearer " + otherKey.issue("customer-7", false), "Bearer " + yesterday.issue("customer-7", false)}) {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri("/orders")).GET();
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> response = send(request);

      assertThat(response.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
      assertThat(errorCode(response)).isEqualTo("UNAUTHORIZED");
    }
    assertThat(API_CALLS).isEmpty();
  }

  @Test
  void unknownRoutesAnswer404AndWrongMethods405WithAllow() throws Exception {
    HttpResponse<String> unknown = send(HttpRequest.newBuilder(uri("/nothing/here")).GET());
    HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(uri("/orders/o-1"))
        .header("Authorization", "Bearer " + TOKENS.issue("customer-7", false))
        .DELETE());

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(errorCode(unknown)).isEqualTo("NOT_FOUND");
    assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(errorCode(wrongMethod)).isEqualTo("METHOD_NOT_ALLOWED");
    assertThat(wrongMethod.headers().firstValue("Allow")).contains("GET");
    assertThat(API_CALLS).isEmpty();
  }

  @Test
  void refusesBodiesOver256KilobytesWithoutReachingTheHandler() throws Exception {
    String tooLarge = "{\"pad\":\"" + "x".repeat(ApiGateway.MAX_BODY_BYTES) + "\"}";
    String justFits = "x".repeat(ApiGateway.MAX_BODY_BYTES);

    HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/orders"))
        .header("Authorization", "Bearer " + TOKENS.issue("customer-7", false))
        .POST(HttpRequest.BodyPublishers.ofString(tooLarge)));
    HttpResponse<String> accepted = send(HttpRequest.newBuilder(uri("/orders"))
        .header("Authorization", "Bearer " + TOKENS.issue("customer-7", false))
        .POST(HttpRequest.BodyPublishers.ofString(justFits)));

    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(errorCode(refused)).isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(accepted.statusCode()).isEqualTo(200);
    assertThat(API_CALLS).hasSize(1);
  }

  @Test
  void answersABrowsersPreflightForTheShopsOriginWithoutAnyHandler() throws Exception {
    HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/orders/o-1/cancel"))
        .header("Origin", SHOP)
        .header("Access-Control-Request-Method", "POST")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> stranger = send(HttpRequest.newBuilder(uri("/orders"))
        .header("Origin", "https://evil.example")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(SHOP);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).contains("POST, OPTIONS");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
        headers -> assertThat(headers).contains("Authorization", "Idempotency-Key"));
    assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(API_CALLS).isEmpty();
  }

  @Test
  void theGatewaysOwnRefusalsAreReadableByTheShopsScripts() throws Exception {
    HttpResponse<String> noToken = send(HttpRequest.newBuilder(uri("/orders")).header("Origin", SHOP).GET());
    HttpResponse<String> unknown = send(HttpRequest.newBuilder(uri("/nothing/here")).header("Origin", SHOP).GET());

    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(noToken.headers().firstValue("Access-Control-Allow-Origin")).contains(SHOP);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Access-Control-Allow-Origin")).contains(SHOP);
  }

  @Test
  void theCarrierWebhookIsNotOpenToBrowsers() throws Exception {
    HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/carriers/simcarrier/events"))
        .header("Origin", SHOP)
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

    assertThat(preflight.statusCode()).isEqualTo(405);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
  }

  @Test
  void theCarrierWebhookNeedsNoTokenItIsSignedInstead() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/carriers/simcarrier/events"))
        .header("X-Carrier-Timestamp", "1700000000")
        .POST(HttpRequest.BodyPublishers.ofString("{}")));

    assertThat(response.statusCode()).isEqualTo(200);
    APIGatewayProxyRequestEvent event = WEBHOOK_CALLS.remove();
    assertThat(event.getPathParameters()).containsEntry("carrier", "simcarrier");
    assertThat(event.getHeaders()).containsEntry("X-Carrier-Timestamp", "1700000000");
    assertThat(event.getRequestContext().getAuthorizer()).isNull();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> claims(APIGatewayProxyRequestEvent event) {
    return (Map<String, String>) event.getRequestContext().getAuthorizer().get("claims");
  }

  private static URI uri(String pathAndQuery) {
    return gateway.endpoint().resolve(pathAndQuery);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String errorCode(HttpResponse<String> response) {
    JsonNode body = Json.read(response.body(), JsonNode.class);
    assertThat(body.path("error").path("message").asText()).isNotBlank();
    return body.path("error").path("code").asText();
  }

  /** A function that records the events it gets and answers 200. */
  private record Recording(Queue<APIGatewayProxyRequestEvent> calls)
      implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
      calls.add(event);
      return new APIGatewayProxyResponseEvent()
          .withStatusCode(200)
          .withHeaders(Map.of("Content-Type", "application/json", "X-Handled-By", "recording"))
          .withBody("{}");
    }
  }
}

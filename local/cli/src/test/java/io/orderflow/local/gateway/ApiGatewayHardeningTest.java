package io.orderflow.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.LocalFunctions;
import io.orderflow.platform.ApiRoutes;
import io.orderflow.platform.Cors;
import io.orderflow.platform.Json;
import io.orderflow.platform.LambdaFunction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a hostile or broken client can do to the local gateway: hold connections open, send a body
 * slowly or never, send a request Jetty cannot parse. Every such request answers in API.md's error
 * shape and none stops the others being served.
 */
class ApiGatewayHardeningTest {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Tokens TOKENS = new Tokens("test-secret", Clock.systemUTC());
  private static final Queue<APIGatewayProxyRequestEvent> CALLS = new ConcurrentLinkedQueue<>();
  /** Short timeouts so a slow client's fate shows in a second, not in half a minute. */
  private static final ApiGateway.Limits LIMITS =
      new ApiGateway.Limits(Duration.ofSeconds(5), Duration.ofSeconds(1), 64);
  private static ApiGateway gateway;

  @BeforeAll
  static void start() {
    LocalFunctions functions = new LocalFunctions(Map.of(
        LambdaFunction.API, new Recording(), LambdaFunction.TRACK, new Recording()));
    gateway = new ApiGateway(ApiGateway.DEFAULT_HOST, 0, functions, TOKENS, Cors.NONE, ApiRoutes.ALL, LIMITS);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @BeforeEach
  void forgetCalls() {
    CALLS.clear();
  }

  @Test
  void fortyIdleConnectionsDoNotBlockARealRequest() throws Exception {
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        idle.add(new Socket("127.0.0.1", gateway.port()));
      }
      HttpResponse<String> response = getOrders();

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(CALLS).hasSize(1);
    } finally {
      for (Socket socket : idle) {
        socket.close();
      }
    }
  }

  @Test
  void slowBodiesTimeOutWithTheErrorShapeWhileOthersAreServed() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      // Each promises a body it never sends: on a small fixed pool these used to hold every thread.
      for (int i = 0; i < 20; i++) {
        Socket socket = connect();
        socket.getOutputStream().write(("POST /orders HTTP/1.1\r\nHost: localhost\r\n"
            + "Authorization: Bearer " + TOKENS.issue("customer-7", false) + "\r\n"
            + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"li").getBytes(StandardCharsets.US_ASCII));
        slow.add(socket);
      }
      HttpResponse<String> meanwhile = getOrders();
      String answer = readAll(slow.get(0));

      assertThat(meanwhile.statusCode()).isEqualTo(200);
      assertThat(answer).startsWith("HTTP/1.1 400");
      assertShape(bodyOf(answer), "VALIDATION_FAILED");
      assertThat(CALLS).hasSize(1);
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "GET /orders/%ZZ HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /orders?cursor=%G1 HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /orders/% HTTP/1.1\r\nHost: x\r\n\r\n",
      "POST /orders HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
      "POST /orders HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
      "POST /orders HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n12345",
      "GET /orders HTTP/1.1\r\nHost: x\r\nBroken header line\r\n\r\n",
      "GARBAGE\r\n\r\n",
      "GET /orders HTTP/9.9\r\nHost: x\r\n\r\n",
  })
  void malformedRequestsAnswer400InTheErrorShape(String raw) throws Exception {
    String answer = exchange(raw.getBytes(StandardCharsets.ISO_8859_1));

    assertThat(answer).as(raw).matches("(?s)HTTP/1\\.1 40[05].*");
    assertThat(answer.toLowerCase()).contains("content-type: application/json");
    assertShape(bodyOf(answer), null);
    assertThat(CALLS).isEmpty();
  }

  @Test
  void hugeHeadersAnswer413InTheErrorShape() throws Exception {
    String raw = "GET /orders HTTP/1.1\r\nHost: x\r\nX-Pad: " + "a".repeat(ApiGateway.MAX_HEADER_BYTES + 10) + "\r\n\r\n";

    String answer = exchange(raw.getBytes(StandardCharsets.US_ASCII));

    assertThat(answer).startsWith("HTTP/1.1 413");
    assertShape(bodyOf(answer), "PAYLOAD_TOO_LARGE");
    assertThat(CALLS).isEmpty();
  }

  @Test
  void theGatewaysOwnErrorsCarryEmptyDetails() throws Exception {
    HttpResponse<String> noToken = send(HttpRequest.newBuilder(uri("/orders")).GET());
    HttpResponse<String> noRoute = send(HttpRequest.newBuilder(uri("/nothing")).GET());
    HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(uri("/orders/o-1"))
        .header("Authorization", "Bearer " + TOKENS.issue("customer-7", false)).DELETE());
    HttpResponse<String> tooLarge = send(HttpRequest.newBuilder(uri("/orders"))
        .header("Authorization", "Bearer " + TOKENS.issue("customer-7", false))
        .POST(HttpRequest.BodyPublishers.ofString("x".repeat(ApiGateway.MAX_BODY_BYTES + 1))));

    assertShape(noToken.body(), "UNAUTHORIZED");
    assertShape(noRoute.body(), "NOT_FOUND");
    assertShape(wrongMethod.body(), "METHOD_NOT_ALLOWED");
    assertShape(tooLarge.body(), "PAYLOAD_TOO_LARGE");
    assertThat(List.of(noToken.statusCode(), noRoute.statusCode(), wrongMethod.statusCode(), tooLarge.statusCode()))
        .containsExactly(401, 404, 405, 413);
    assertThat(CALLS).isEmpty();
  }

  @Test
  void listensOnTheLoopbackAddressByDefault() {
    assertThat(ApiGateway.DEFAULT_HOST).isEqualTo("127.0.0.1");
    assertThat(gateway.endpoint().getHost()).isEqualTo("localhost");
  }

  private static void assertShape(String body, String code) {
    JsonNode error = Json.read(body, JsonNode.class).path("error");
    assertThat(error.path("code").asText()).isNotBlank();
    if (code != null) {
      assertThat(error.path("code").asText()).isEqualTo(code);
    }
    assertThat(error.path("message").asText()).isNotBlank().doesNotContain("org.eclipse", "jetty", "<html");
    assertThat(error.path("details").isArray()).as(body).isTrue();
  }

  private static HttpResponse<String> getOrders() throws Exception {
    return send(HttpRequest.newBuilder(uri("/orders"))
        .header("Authorization", "Bearer " + TOKENS.issue("customer-7", false))
        .timeout(Duration.ofSeconds(5))
        .GET());
  }

  private static Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 5_000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static String exchange(byte[] raw) throws IOException {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(raw);
      out.flush();
      return readAll(socket);
    }
  }

  /** Everything the server sends until it closes the connection. */
  private static String readAll(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      int read;
      while ((read = in.read(buffer)) > 0) {
        answer.write(buffer, 0, read);
      }
    } catch (java.net.SocketException reset) {
      // the server may reset after its answer; what arrived is what counts
    }
    return answer.toString(StandardCharsets.UTF_8);
  }

  private static String bodyOf(String answer) {
    int start = answer.indexOf("\r\n\r\n");
    assertThat(start).as(answer).isPositive();
    return answer.substring(start + 4);
  }

  private static URI uri(String pathAndQuery) {
    return gateway.endpoint().resolve(pathAndQuery);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static final class Recording
      implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
      CALLS.add(event);
      return new APIGatewayProxyResponseEvent().withStatusCode(200)
          .withHeaders(Map.of("Content-Type", "application/json")).withBody("{}");
    }
  }
}

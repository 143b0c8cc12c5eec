package io.orderflow.api;

import static io.orderflow.api.ApiFixture.CUSTOMER;
import static io.orderflow.api.ApiFixture.body;
import static io.orderflow.api.ApiFixture.event;
import static io.orderflow.api.ApiFixture.json;
import static io.orderflow.api.ApiFixture.withBody;
import static io.orderflow.api.ApiFixture.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.order.OrderStatus;
import io.orderflow.platform.Queue;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a client sends in a cursor, a path, a header or a body, the API answers a 4xx in API.md's
 * error shape and stores nothing: random input must never reach a store as a 5xx or as data.
 */
class HostileInputPropertyTest {

  @Property(tries = 300)
  void anyCursorOnEitherListAnswers400(@ForAll("cursors") String cursor, @ForAll boolean ops) {
    ApiFixture api = new ApiFixture();
    APIGatewayProxyRequestEvent event = event(ops ? "ops-list-orders.json" : "list-orders.json");
    event.getQueryStringParameters().put("cursor", cursor);

    APIGatewayProxyResponseEvent response = api.call(event);

    assertRefused(api, response);
    assertThat(response.getStatusCode()).isEqualTo(400);
  }

  @Property(tries = 300)
  void anyPathOffTheRouteTableOrToNoOrderAnswers4xx(@ForAll("paths") String path, @ForAll("methods") String method) {
    ApiFixture api = new ApiFixture();
    APIGatewayProxyRequestEvent event = event("get-order.json").withPath(path).withHttpMethod(method);
    if (event.getPathParameters() != null) {
      event.getPathParameters().put("orderId", path.substring(path.lastIndexOf('/') + 1));
    }

    assertRefused(api, api.call(event));
  }

  @Property(tries = 300)
  void anyIdempotencyKeyOutsideTheRulesAnswers400(@ForAll("badKeys") String key) {
    ApiFixture api = new ApiFixture();

    APIGatewayProxyResponseEvent response = api.call(withHeader(event("post-order.json"), "Idempotency-Key", key));

    assertRefused(api, response);
    assertThat(json(response).at("/error/details/0/field").asText()).isEqualTo("Idempotency-Key");
  }

  @Property(tries = 300)
  void anyBodyThatIsNotAnOrderAnswers400(@ForAll String text) {
    ApiFixture api = new ApiFixture();

    APIGatewayProxyResponseEvent response = api.call(withBody(event("post-order.json"), text));

    assertRefused(api, response);
    assertThat(response.getStatusCode()).isIn(400, 413);
  }

  @Property(tries = 300)
  void aControlCharacterInAnyTextFieldAnswers400NamingIt(
      @ForAll("textFields") String field, @ForAll("controls") char control, @ForAll("positions") int position) {
    ApiFixture api = new ApiFixture();
    ObjectNode order = body(event("post-order.json"));
    ObjectNode parent = (ObjectNode) order.at(field.substring(0, field.lastIndexOf('/')));
    String name = field.substring(field.lastIndexOf('/') + 1);
    String value = parent.path(name).asText("x");
    int at = Math.min(position, value.length());
    parent.put(name, value.substring(0, at) + control + value.substring(at));

    APIGatewayProxyResponseEvent response = api.call(withBody(event("post-order.json"), order));

    assertRefused(api, response);
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/details/0/field").asText())
        .isEqualTo(field.substring(1).replace('/', '.'));
  }

  @Property(tries = 200)
  void anyContentTypeButJsonAnswers415(@ForAll("mediaTypes") String contentType) {
    ApiFixture api = new ApiFixture();

    APIGatewayProxyResponseEvent response = api.call(withHeader(event("post-order.json"), "Content-Type", contentType));

    assertRefused(api, response);
    assertThat(response.getStatusCode()).isEqualTo(415);
  }

  private static void assertRefused(ApiFixture api, APIGatewayProxyResponseEvent response) {
    assertThat(response.getStatusCode()).as(response.getBody()).isBetween(400, 499);
    JsonNode error = json(response).get("error");
    assertThat(error.get("code").asText()).matches("[A-Z_]+");
    assertThat(error.get("message").asText()).isNotBlank().doesNotContain("com.fasterxml", "Exception");
    assertThat(error.get("details").isArray()).isTrue();
    assertThat(api.orders.findByCustomer(CUSTOMER, 10, null).items()).isEmpty();
    assertThat(api.orders.findByStatus(OrderStatus.PENDING, 10, null).items()).isEmpty();
    assertThat(api.queues.messages(Queue.ORDER_INTAKE)).isEmpty();
  }

  @Provide
  Arbitrary<String> cursors() {
    Arbitrary<String> base64ish = Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=")
        .ofMaxLength(200);
    Arbitrary<String> jsonTokens = Arbitraries.of("null", "[]", "{}", "3", "\"x\"", "{\"list\":null}",
            "{\"list\":\"customer:" + CUSTOMER + "\"}", "{\"after\":\"x\"}", "{\"list\":\"customer:" + CUSTOMER + "\",\"after\":\"\\u0000\"}")
        .map(text -> java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(300), base64ish, jsonTokens,
        Arbitraries.strings().withChars('A').ofMinLength(2000).ofMaxLength(3000));
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> segment = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(80),
        Arbitraries.of("orders", "ops", "returns", "tickets", "..", "%ZZ", "%00", "", "{orderId}"));
    return segment.list().ofMinSize(0).ofMaxSize(5).map(segments -> "/" + String.join("/", segments))
        // GET /orders is the one route that answers 200 without any stored data
        .filter(path -> !path.equals("/orders") && !path.equals("/orders/"));
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "get", "HEAD", "X");
  }

  @Provide
  Arbitrary<String> badKeys() {
    return Arbitraries.oneOf(
            Arbitraries.strings().ofMinLength(0).ofMaxLength(200),
            Arbitraries.strings().withCharRange('!', '~').ofLength(129),
            Combinators.combine(Arbitraries.strings().withCharRange('!', '~').ofMaxLength(60),
                Arbitraries.chars().with('\t', ' ', '\u0000', '\u007f', '\u00e9', '\n'),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(60))
                .as((before, bad, after) -> before + bad + after))
        .filter(key -> !key.matches("[\\x21-\\x7E]{1,128}"));
  }

  @Provide
  Arbitrary<String> textFields() {
    return Arbitraries.of(List.of("/shippingAddress/name", "/shippingAddress/line1", "/shippingAddress/city",
        "/shippingAddress/postalCode", "/payment/token", "/invoice/title"));
  }

  @Provide
  Arbitrary<Character> controls() {
    return Arbitraries.oneOf(Arbitraries.chars().range('\u0000', '\u001f'), Arbitraries.chars().range('\u007f', '\u009f'),
        Arbitraries.of('\uFFFD'));
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, 20);
  }

  @Provide
  Arbitrary<String> mediaTypes() {
    return Arbitraries.oneOf(
        Arbitraries.of("text/plain", "text/html; charset=utf-8", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=b", "application/xml", "application/jsonp", "text/json", "*/*"),
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(20).map(sub -> "image/" + sub));
  }
}

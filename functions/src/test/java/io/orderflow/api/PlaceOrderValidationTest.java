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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.platform.Queue;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bad request answers its 4xx with the field at fault, and stores and enqueues nothing. */
class PlaceOrderValidationTest {

  private final ApiFixture api = new ApiFixture();

  @AfterEach
  void nothingWasStoredOrEnqueued() {
    if (api.nothingToCheckAfter) {
      return;
    }
    assertThat(api.orders.findByCustomer(CUSTOMER, 10, null).items()).isEmpty();
    assertThat(api.queues.messages(Queue.ORDER_INTAKE)).isEmpty();
  }

  static Stream<Arguments> badBodies() {
    return Stream.of(
        bad("quantity 0", b -> line(b).put("quantity", 0), "lines[0].quantity", "must be between 1 and 999"),
        bad("quantity -1", b -> line(b).put("quantity", -1), "lines[0].quantity", "must be between 1 and 999"),
        bad("quantity 1000", b -> line(b).put("quantity", 1000), "lines[0].quantity", "must be between 1 and 999"),
        bad("quantity 1e12", b -> line(b).put("quantity", 1_000_000_000_000L), "lines[0].quantity", "must be between"),
        bad("quantity 1.5", b -> line(b).put("quantity", 1.5), "lines[0].quantity", "must be an integer"),
        bad("quantity \"2\"", b -> line(b).put("quantity", "2"), "lines[0].quantity", "must be an integer"),
        bad("quantity missing", b -> line(b).remove("quantity"), "lines[0].quantity", "is required"),
        bad("price in a line", b -> line(b).put("price", "0.01"), "lines[0].price", "is not a known field"),
        bad("status at the top", b -> b.put("status", "PAID"), "status", "is not a known field"),
        bad("total at the top", b -> b.putObject("total").put("amount", "0.01"), "total", "is not a known field"),
        bad("field in the address", b -> address(b).put("isDefault", true), "shippingAddress.isDefault", "is not a known field"),
        bad("field in the invoice", b -> b.with("invoice").put("vat", "0"), "invoice.vat", "is not a known field"),
        bad("sku with a space", b -> line(b).put("sku", "SKU 1"), "lines[0].sku", "must match"),
        bad("sku of 65 chars", b -> line(b).put("sku", "S".repeat(65)), "lines[0].sku", "at most 64"),
        bad("sku a number", b -> line(b).put("sku", 12), "lines[0].sku", "must be a string"),
        bad("no lines", b -> b.putArray("lines"), "lines", "between 1 and 100"),
        bad("101 lines", PlaceOrderValidationTest::hundredAndOneLines, "lines", "between 1 and 100"),
        bad("lines an object", b -> b.putObject("lines"), "lines", "must be an array"),
        bad("lines missing", b -> b.remove("lines"), "lines", "is required"),
        bad("a line not an object", b -> b.withArray("lines").set(1, b.textNode("SKU-2")), "lines[1]", "must be an object"),
        bad("country USA", b -> address(b).put("country", "USA"), "shippingAddress.country", "at most 2"),
        bad("country XX", b -> address(b).put("country", "XX"), "shippingAddress.country", "ISO 3166-1"),
        bad("no name", b -> address(b).remove("name"), "shippingAddress.name", "is required"),
        bad("no line1", b -> address(b).remove("line1"), "shippingAddress.line1", "is required"),
        bad("blank city", b -> address(b).put("city", "  "), "shippingAddress.city", "must not be blank"),
        bad("null postalCode", b -> address(b).putNull("postalCode"), "shippingAddress.postalCode", "is required"),
        bad("no country", b -> address(b).remove("country"), "shippingAddress.country", "is required"),
        bad("address a string", b -> b.put("shippingAddress", "1 Main St"), "shippingAddress", "must be an object"),
        bad("no address", b -> b.remove("shippingAddress"), "shippingAddress", "is required"),
        bad("speed OVERNIGHT", b -> b.put("shippingSpeed", "OVERNIGHT"), "shippingSpeed", "STANDARD or EXPRESS"),
        bad("speed lower case", b -> b.put("shippingSpeed", "express"), "shippingSpeed", "STANDARD or EXPRESS"),
        bad("payment by cash", b -> b.with("payment").put("method", "cash"), "payment.method", "must be card"),
        bad("no payment token", b -> b.with("payment").remove("token"), "payment.token", "is required"),
        bad("no payment", b -> b.remove("payment"), "payment", "is required"),
        bad("invoice without title", b -> b.with("invoice").remove("title"), "invoice.title", "is required"),
        bad("NUL in a name", b -> address(b).put("name", "Li\u0000Lei"), "shippingAddress.name", "control characters"),
        bad("ESC in a line", b -> address(b).put("line1", "\u001b[31m1 Main St"), "shippingAddress.line1", "control characters"),
        bad("line feed in a city", b -> address(b).put("city", "Spring\nfield"), "shippingAddress.city", "control characters"),
        bad("C1 control in a region", b -> address(b).put("region", "I\u0085L"), "shippingAddress.region", "control characters"),
        bad("invalid UTF-8 in a name", b -> address(b).put("name", "Li \uFFFD"), "shippingAddress.name", "valid UTF-8"),
        bad("lone surrogate in a title", b -> b.with("invoice").put("title", "ACME \uD800"), "invoice.title", "valid UTF-8"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void aBadFieldIsNamedInA400(String name, Consumer<ObjectNode> breakIt, String field, String problem) {
    ObjectNode order = body(event("post-order.json"));
    breakIt.accept(order);

    APIGatewayProxyResponseEvent response = api.call(withBody(event("post-order.json"), order));

    assertThat(response.getStatusCode()).isEqualTo(400);
    JsonNode error = json(response).get("error");
    assertThat(error.get("code").asText()).isEqualTo("VALIDATION_FAILED");
    assertThat(error.get("details")).anySatisfy(detail -> {
      assertThat(detail.get("field").asText()).isEqualTo(field);
      assertThat(detail.get("problem").asText()).contains(problem);
    });
  }

  @Test
  void everyProblemIsListedInOneAnswer() {
    ObjectNode order = body(event("post-order.json"));
    line(order).put("quantity", 0).put("price", "1.00");
    address(order).put("country", "ZZ");
    order.put("status", "PAID");

    JsonNode details = json(api.call(withBody(event("post-order.json"), order))).at("/error/details");

    assertThat(details).extracting(detail -> detail.get("field").asText())
        .containsExactlyInAnyOrder("lines[0].quantity", "lines[0].price", "shippingAddress.country", "status");
  }

  @Test
  void theSampleWithAClientPriceAndStatusIsRefused() {
    JsonNode details = json(api.call("post-order-unknown-field.json")).at("/error/details");

    assertThat(details).extracting(detail -> detail.get("field").asText())
        .containsExactlyInAnyOrder("lines[0].price", "status");
  }

  @Test
  void malformedJsonIsNamedSo() {
    APIGatewayProxyResponseEvent response = api.call("post-order-malformed.json");

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("MALFORMED_JSON");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"lines\": [", "{\"a\": 1, \"a\": 2}", "{\"a\": tru}", "{\"a\": 1} {}", "\u0000"})
  void malformedJsonMessagesQuoteNoParserInternals(String text) {
    APIGatewayProxyResponseEvent response = api.call(withBody(event("post-order.json"), text));

    JsonNode error = json(response).get("error");
    assertThat(error.get("code").asText()).isEqualTo("MALFORMED_JSON");
    assertThat(error.get("message").asText())
        .doesNotContainIgnoringCase("jackson")
        .doesNotContain("line:", "column:", "Source:", "com.fasterxml", "REDACTED", "Unexpected");
    assertThat(error.get("details").isArray()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml"})
  void aBodyDeclaredAsAnythingButJsonAnswers415(String contentType) {
    APIGatewayProxyResponseEvent response = api.call(withHeader(event("post-order.json"), "Content-Type", contentType));

    assertThat(response.getStatusCode()).isEqualTo(415);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    assertThat(json(response).at("/error/details/0/field").asText()).isEqualTo("Content-Type");
  }

  @Test
  void jsonWithACharsetIsJson() {
    api.nothingToCheckAfter = true;
    APIGatewayProxyResponseEvent response =
        api.call(withHeader(event("post-order.json"), "Content-Type", "Application/JSON; charset=utf-8"));

    assertThat(response.getStatusCode()).isEqualTo(202);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "``                                                     | MALFORMED_JSON",
      "`   `                                                  | MALFORMED_JSON",
      "{\"lines\": [                                           | MALFORMED_JSON",
      "{\"lines\": []} trailing                                | MALFORMED_JSON",
      "{\"lines\": [], \"lines\": [{\"sku\": \"SKU-1\"}]}      | MALFORMED_JSON",
      "[1, 2]                                                 | VALIDATION_FAILED",
      "\"order\"                                              | VALIDATION_FAILED"})
  void aBodyThatIsNotOneJsonObjectIsRefused(String text, String code) {
    APIGatewayProxyResponseEvent response = api.call(withBody(event("post-order.json"), text));

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/code").asText()).isEqualTo(code);
  }

  @Test
  void aMissingIdempotencyKeyIsRefused() {
    APIGatewayProxyResponseEvent response = api.call("post-order-missing-key.json");

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/details/0/field").asText()).isEqualTo("Idempotency-Key");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "schlüssel", "tab\there", "space here", " ", "nul\u0000", "del\u007f"})
  void anIdempotencyKeyOutsidePrintableAsciiIsRefused(String key) {
    APIGatewayProxyResponseEvent response = api.call(withHeader(event("post-order.json"), "Idempotency-Key", key));

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/details/0/field").asText()).isEqualTo("Idempotency-Key");
  }

  @Test
  void anIdempotencyKeyOf129CharactersIsRefused() {
    APIGatewayProxyResponseEvent response =
        api.call(withHeader(event("post-order.json"), "Idempotency-Key", "k".repeat(129)));

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/details/0/problem").asText()).contains("1 to 128");
  }

  @Test
  void aBodyOver256KiloBytesIsTooLarge() {
    ObjectNode order = body(event("post-order.json"));
    address(order).put("line2", "x".repeat(JsonBody.MAX_BYTES));

    APIGatewayProxyResponseEvent response = api.call(withBody(event("post-order.json"), order));

    assertThat(response.getStatusCode()).isEqualTo(413);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
  }

  @Test
  void multiByteCharactersCountAsBytesTowardsTheLimit() {
    String compact = body(event("post-order.json")).toString();
    // 100,000 three-byte characters: far under the limit in chars, over it in bytes.
    String padded = compact.substring(0, compact.length() - 1) + ", \"note\": \"" + "€".repeat(100_000) + "\"}";

    assertThat(api.call(withBody(event("post-order.json"), padded)).getStatusCode()).isEqualTo(413);
  }

  private static Arguments bad(String name, Consumer<ObjectNode> breakIt, String field, String problem) {
    return Arguments.of(name, breakIt, field, problem);
  }

  private static ObjectNode line(ObjectNode order) {
    return ApiFixture.line(order, 0);
  }

  private static ObjectNode address(ObjectNode order) {
    return order.with("shippingAddress");
  }

  private static void hundredAndOneLines(ObjectNode order) {
    ArrayNode lines = order.putArray("lines");
    for (int i = 0; i < 101; i++) {
      lines.addObject().put("sku", "SKU-" + i).put("quantity", 1);
    }
  }
}

package io.orderflow.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.aftersales.tickets.TicketRequest;
import io.orderflow.dispatch.TrackingNumbers;
import io.orderflow.local.LocalStack;
import io.orderflow.local.carrier.CarrierSimulator;
import io.orderflow.order.OrderStatus;
import io.orderflow.platform.Json;
import io.orderflow.platform.LambdaFunction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every sample event in {@code events/} runs through {@code orderflow invoke}'s preparation and
 * invocation and succeeds, or fails with the error it was written to show; the ones a newcomer
 * tries first also exactly as shipped, each on a stack of its own as invoke starts one.
 */
class SampleEventsInvokeTest {

  static final Path EVENTS = Path.of("..", "..", "events");

  /** The samples written to show a refusal: the exit code is 1 and the answer this HTTP error. */
  private static final Map<String, String> INTENDED_ERRORS = Map.of(
      "api/post-order-malformed.json", "HTTP 400 MALFORMED_JSON",
      "api/post-order-missing-key.json", "HTTP 400 VALIDATION_FAILED",
      "api/post-order-unknown-field.json", "HTTP 400 VALIDATION_FAILED",
      "aftersales/request-return-unknown-field.json", "HTTP 400 VALIDATION_FAILED");

  /** The function each sample event is for, as the README's invoke examples name it. */
  static LambdaFunction functionOf(String event) {
    String name = event.substring(event.indexOf('/') + 1, event.length() - ".json".length());
    return switch (event.substring(0, event.indexOf('/'))) {
      case "api" -> LambdaFunction.API;
      case "carrier" -> LambdaFunction.TRACK;
      case "sqs" -> LambdaFunction.INTAKE;
      case "schedule" -> LambdaFunction.SWEEP_STRANDED_ORDERS;
      case "dynamodb" -> name.startsWith("inventory") ? LambdaFunction.EXPIRE_RESERVATIONS : LambdaFunction.RELAY_OUTBOX;
      case "steps" -> name.startsWith("await-") ? LambdaFunction.AWAIT : LambdaFunction.byBaseName(name).orElseThrow();
      case "aftersales" -> name.equals("ticket-requests-batch") ? LambdaFunction.TICKET_ROUTER
          : name.startsWith("step-await-") ? LambdaFunction.AWAIT_RETURN
          : name.startsWith("step-") ? LambdaFunction.byBaseName(name.substring("step-".length())).orElseThrow()
          : LambdaFunction.AFTERSALES_API;
      default -> throw new IllegalArgumentException("no function for " + event);
    };
  }

  static Stream<String> everySampleEvent() throws IOException {
    try (Stream<Path> files = Files.walk(EVENTS)) {
      return files.filter(file -> file.toString().endsWith(".json"))
          .map(file -> EVENTS.relativize(file).toString().replace('\\', '/'))
          .sorted()
          .toList()
          .stream();
    }
  }

  @Test
  void everyFolderOfSampleEventsIsCovered() throws IOException {
    List<String> events = everySampleEvent().toList();

    assertThat(events).hasSizeGreaterThan(50)
        .anyMatch(event -> event.startsWith("steps/"))
        .anyMatch(event -> event.startsWith("carrier/"))
        .anyMatch(event -> event.startsWith("aftersales/step-"));
    assertThat(INTENDED_ERRORS.keySet()).allMatch(events::contains);
  }

  /** One stack for the whole story: each event is told about an order of its own (see {@link #retold}). */
  private static LocalStack stack;

  @BeforeAll
  static void start() {
    stack = LocalStack.start(LocalStack.Options.ephemeral().withSeedDemoData(true));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  /**
   * Every event, prepared for and invoked on one stack. So that the events do not meet, each is
   * retold about an order of its own: the sample order's id, its parcel's tracking number, its
   * tickets' ids and the carrier's event ids are replaced, in the event and in the story before it.
   */
  @ParameterizedTest(name = "invoke {0}")
  @MethodSource("everySampleEvent")
  void runsWithItsStoryPreparedFirst(String event) throws IOException {
    String orderId = UUID.randomUUID().toString();
    UnaryOperator<String> retold = retold(orderId);
    SampleEvents samples = new SampleEvents(EVENTS, stack.functions(), stack.adapters(),
        stack.options().carrierSecret(), print(new ByteArrayOutputStream()), orderId, retold);

    String payload = retold.apply(Files.readString(EVENTS.resolve(event)));
    Outcome outcome = invoke(samples, stack, event, payload);
    if (outcome.out().contains("still in progress")) {
      // The sample return's own workflow (request-return starts it) runs the same idempotent step at
      // the same moment; as Step Functions would, invoke again: the answer is the first run's.
      AtomicReference<Outcome> again = new AtomicReference<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        again.set(invoke(samples, stack, event, payload));
        return !again.get().out().contains("still in progress");
      });
      outcome = again.get();
    }
    assertOutcome(event, outcome);
  }

  /** The events the issue tried, exactly as shipped, each on a stack started for it as invoke starts one. */
  @ParameterizedTest(name = "invoke {0} as shipped")
  @ValueSource(strings = {"steps/reserve.json", "steps/validate.json", "carrier/picked-up.json",
      "sqs/order-intake-batch.json", "api/post-order-malformed.json"})
  void runsAsShippedOnAFreshStack(String event) throws IOException {
    try (LocalStack fresh = LocalStack.start(LocalStack.Options.ephemeral().withSeedDemoData(true))) {
      SampleEvents samples = new SampleEvents(EVENTS, fresh.functions(), fresh.adapters(),
          fresh.options().carrierSecret(), print(new ByteArrayOutputStream()));

      assertOutcome(event, invoke(samples, fresh, event, Files.readString(EVENTS.resolve(event))));
    }
  }

  @Test
  void theIntakeBatchStartsTheOrdersItNamesAndTheirWorkflowsGetPastValidation() throws IOException {
    try (LocalStack fresh = LocalStack.start(LocalStack.Options.ephemeral().withSeedDemoData(true).withTimeScale(100))) {
      SampleEvents samples = new SampleEvents(EVENTS, fresh.functions(), fresh.adapters(),
          fresh.options().carrierSecret(), print(new ByteArrayOutputStream()));

      Outcome outcome = invoke(samples, fresh, "sqs/order-intake-batch.json",
          Files.readString(EVENTS.resolve("sqs/order-intake-batch.json")));

      assertThat(outcome.exitCode()).as(outcome.err()).isZero();
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
          fresh.adapters().orders().find(SampleEvents.SAMPLE_ORDER).orElseThrow().status())
          .isNotIn(OrderStatus.PENDING, OrderStatus.REJECTED));
    }
  }

  private record Outcome(int exitCode, String out, String err) {}

  private static Outcome invoke(SampleEvents samples, LocalStack on, String event, String payload) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode = InvokeCommand.invoke(samples, on.functions(), functionOf(event), payload, print(out), print(err));
    return new Outcome(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void assertOutcome(String event, Outcome outcome) {
    String intended = INTENDED_ERRORS.get(event);
    if (intended != null) {
      assertThat(outcome.exitCode()).as(outcome.err() + outcome.out()).isEqualTo(1);
      assertThat(outcome.err()).contains(functionOf(event).baseName() + " answered " + intended);
      return;
    }
    assertThat(outcome.exitCode()).as("%s%nstderr: %s%nstdout: %s", event, outcome.err(), outcome.out()).isZero();
    JsonNode answer = Json.read(outcome.out(), JsonNode.class);
    assertThat(answer.path("errorType").isMissingNode()).as(outcome.out()).isTrue();
    if (answer.has("statusCode")) {
      assertThat(answer.path("statusCode").asInt()).as(outcome.out()).isBetween(200, 299);
    }
  }

  /** The sample story, told about {@code orderId}. */
  static UnaryOperator<String> retold(String orderId) {
    String sample = SampleEvents.SAMPLE_ORDER;
    Map<String, String> replacements = new LinkedHashMap<>();
    replacements.put(TicketRequest.ticketIdFor("delivery-exception-" + sample),
        TicketRequest.ticketIdFor("delivery-exception-" + orderId));
    replacements.put(TicketRequest.ticketIdFor("return-review-" + sample + "-R1"),
        TicketRequest.ticketIdFor("return-review-" + orderId + "-R1"));
    replacements.put(TrackingNumbers.forOrder(CarrierSimulator.CARRIER, sample),
        TrackingNumbers.forOrder(CarrierSimulator.CARRIER, orderId));
    replacements.put("evt-01JDQ8K2M4N6P8R0S2T4V6X8Z", "evt-" + orderId + "-");
    replacements.put(sample, orderId);
    return text -> {
      String result = text;
      for (Map.Entry<String, String> replacement : replacements.entrySet()) {
        result = result.replace(replacement.getKey(), replacement.getValue());
      }
      return result;
    };
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}

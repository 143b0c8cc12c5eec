package io.orderflow.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.charge.PaymentService;
import io.orderflow.order.BusinessError;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.Queue;
import io.orderflow.platform.Table;
import io.orderflow.platform.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ASL files and the Java code must agree: every placeholder names a resource that CDK and the
 * local stack can fill, and every error the ASL catches or retries is a class the handlers can
 * actually throw, with business errors never retried.
 */
class AslContractTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");

  @ParameterizedTest
  @EnumSource(Workflow.class)
  void everyPlaceholderNamesAKnownResource(Workflow workflow) throws IOException {
    Set<String> known = new HashSet<>();
    Arrays.stream(LambdaFunction.values()).map(LambdaFunction::placeholder).forEach(known::add);
    Arrays.stream(Queue.values()).map(Queue::placeholder).forEach(known::add);
    Arrays.stream(Table.values()).map(Table::placeholder).forEach(known::add);

    Matcher matcher = PLACEHOLDER.matcher(Files.readString(asl(workflow)));
    List<String> used = new ArrayList<>();
    while (matcher.find()) {
      used.add(matcher.group(1));
    }

    assertThat(used).isNotEmpty();
    assertThat(known).containsAll(used);
  }

  @ParameterizedTest
  @EnumSource(Workflow.class)
  void caughtAndRetriedErrorsAreRealClassesAndBusinessErrorsAreNeverRetried(Workflow workflow)
      throws IOException {
    JsonNode states = JSON.readTree(asl(workflow).toFile()).get("States");
    List<String> retried = new ArrayList<>();
    List<String> caught = new ArrayList<>();
    states.forEach(state -> {
      state.path("Retry").forEach(r -> r.get("ErrorEquals").forEach(e -> retried.add(e.asText())));
      state.path("Catch").forEach(c -> c.get("ErrorEquals").forEach(e -> caught.add(e.asText())));
    });

    Stream.concat(retried.stream(), caught.stream())
        .filter(error -> error.startsWith("io.orderflow."))
        .forEach(error -> assertThat(loadable(error)).as("error class %s exists", error).isTrue());
    assertThat(retried)
        .filteredOn(error -> error.startsWith("io.orderflow."))
        .allSatisfy(error -> assertThat(BusinessError.class.isAssignableFrom(Class.forName(error)))
            .as("%s is retried, so it must not be a business error", error)
            .isFalse());
    assertThat(caught)
        .filteredOn(error -> error.startsWith("io.orderflow."))
        .isNotEmpty();
    states.fields().forEachRemaining(state -> {
      List<String> retriedHere = new ArrayList<>();
      state.getValue().path("Retry").forEach(r -> r.get("ErrorEquals").forEach(e -> retriedHere.add(e.asText())));
      state.getValue().path("Catch").forEach(c -> c.get("ErrorEquals").forEach(e -> {
        String error = e.asText();
        if (error.startsWith("io.orderflow.") && !BusinessError.class.isAssignableFrom(loaded(error))) {
          assertThat(retriedHere).as("%s catches the transient %s only after retrying it", state.getKey(), error)
              .contains(error);
        }
      }));
    });
  }

  /**
   * No failure strands an order: every Task ends, after its retries, in a Catch of States.ALL that
   * leads to a compensation, except the step that parks the order for a person, which has nowhere
   * further to go.
   */
  @ParameterizedTest
  @EnumSource(Workflow.class)
  void everyTaskCatchesEveryFailureAfterItsRetries(Workflow workflow) throws IOException {
    JsonNode states = JSON.readTree(asl(workflow).toFile()).get("States");
    List<String> tasks = new ArrayList<>();
    states.fields().forEachRemaining(state -> {
      if (state.getValue().path("Type").asText().equals("Task") && !state.getKey().equals(PARK)) {
        tasks.add(state.getKey());
        JsonNode catchers = state.getValue().path("Catch");
        assertThat(catchers.isEmpty()).as("%s has a Catch", state.getKey()).isFalse();
        JsonNode last = catchers.get(catchers.size() - 1);
        assertThat(last.get("ErrorEquals").get(0).asText()).as("%s catches States.ALL last", state.getKey())
            .isEqualTo("States.ALL");
        assertThat(last.path("ResultPath").asText()).as("%s keeps its input", state.getKey()).isEqualTo("$.error");
      }
    });
    assertThat(tasks).isNotEmpty();
    assertThat(states.has(PARK)).isTrue();
    assertThat(states.get(PARK).get("Next").asText()).isEqualTo("NeedsAttention");
    assertThat(states.get("NeedsAttention").get("Type").asText()).isEqualTo("Succeed");
  }

  /**
   * A step retried after a crash mid-call meets the dead call's idempotency claim: its retries on
   * PaymentGatewayUnavailable must wait longer in total than the claim's lease, for certain (no
   * jitter), so the last retry takes the claim over instead of failing.
   */
  @Test
  void paymentStepsRetryAnUnavailableProviderForLongerThanTheIdempotencyLease() throws IOException {
    JsonNode states = JSON.readTree(asl(Workflow.ORDER_FULFILLMENT).toFile()).get("States");
    for (String step : List.of("Charge", "Capture")) {
      JsonNode retrier = null;
      for (JsonNode candidate : states.get(step).get("Retry")) {
        if (candidate.get("ErrorEquals").toString().contains("io.orderflow.charge.PaymentGatewayUnavailable")) {
          retrier = candidate;
        }
      }
      assertThat(retrier).as("%s retries PaymentGatewayUnavailable", step).isNotNull();
      assertThat(retrier.path("JitterStrategy").asText("NONE")).as(step).isEqualTo("NONE");
      double total = 0;
      double interval = retrier.get("IntervalSeconds").asDouble();
      for (int attempt = 0; attempt < retrier.get("MaxAttempts").asInt(); attempt++) {
        double delay = interval * Math.pow(retrier.path("BackoffRate").asDouble(2.0), attempt);
        total += retrier.has("MaxDelaySeconds") ? Math.min(delay, retrier.get("MaxDelaySeconds").asDouble()) : delay;
      }
      assertThat(total).as("%s's total backoff in seconds", step)
          .isGreaterThan(PaymentService.IDEMPOTENCY_LEASE.toSeconds());
    }
  }

  private static final String PARK = "ParkForAttention";

  private static Class<?> loaded(String className) {
    try {
      return Class.forName(className);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(className + " does not exist", e);
    }
  }

  @ParameterizedTest
  @EnumSource(Workflow.class)
  void everyTransitionTargetExists(Workflow workflow) throws IOException {
    JsonNode definition = JSON.readTree(asl(workflow).toFile());
    Set<String> names = new HashSet<>();
    definition.get("States").fieldNames().forEachRemaining(names::add);
    List<String> targets = new ArrayList<>(List.of(definition.get("StartAt").asText()));
    definition.get("States").forEach(state -> {
      if (state.has("Next")) {
        targets.add(state.get("Next").asText());
      }
      state.path("Catch").forEach(c -> targets.add(c.get("Next").asText()));
      state.path("Choices").forEach(choice -> targets.add(choice.get("Next").asText()));
      if (state.has("Default")) {
        targets.add(state.get("Default").asText());
      }
    });

    assertThat(names).containsAll(targets);
    assertThat(new HashSet<>(targets)).as("every state is reachable").containsAll(
        names.stream().filter(n -> !n.equals(definition.get("StartAt").asText())).toList());
  }

  private static boolean loadable(String className) {
    try {
      Class.forName(className);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  static Path asl(Workflow workflow) {
    return Path.of(workflow.aslFile());
  }
}

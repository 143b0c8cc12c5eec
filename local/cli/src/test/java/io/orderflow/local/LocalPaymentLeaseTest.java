package io.orderflow.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.platform.Workflow;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * After a crash mid-payment, the retried step meets the dead call's idempotency claim and must
 * outlast it. The local stack runs the retries in scaled time, so its lease must shrink with them:
 * at {@code --time-scale 60} a fixed 45 s lease outlived Charge's whole retry span (105 s of
 * workflow time, under 2 s of real time) and the chaos run stranded an order.
 */
class LocalPaymentLeaseTest {

  private static final String UNAVAILABLE = "io.orderflow.charge.PaymentGatewayUnavailable";

  @ParameterizedTest
  @ValueSource(doubles = {1, 10, 60, 100})
  void theLocalLeaseEndsBeforeThePaymentStepsStopRetrying(double timeScale) throws Exception {
    LocalStack.Options options = LocalStack.Options.defaults().withTimeScale(timeScale);
    JsonNode states;
    try (InputStream asl = getClass().getResourceAsStream("/statemachine/" + Workflow.ORDER_FULFILLMENT.aslFile())) {
      states = new ObjectMapper().readTree(asl).get("States");
    }

    for (String step : new String[] {"Charge", "Capture"}) {
      Duration retriesInRealTime = options.scaled(retrySpan(states.get(step)));
      assertThat(LocalHandlers.paymentLease(options)).as("%s at time scale %s", step, timeScale)
          .isLessThan(retriesInRealTime);
    }
  }

  /** The total backoff of the step's retrier for an unavailable provider, in workflow time. */
  private static Duration retrySpan(JsonNode step) {
    for (JsonNode retrier : step.get("Retry")) {
      if (retrier.get("ErrorEquals").toString().contains(UNAVAILABLE)) {
        double total = 0;
        for (int attempt = 0; attempt < retrier.get("MaxAttempts").asInt(); attempt++) {
          double delay = retrier.get("IntervalSeconds").asDouble()
              * Math.pow(retrier.path("BackoffRate").asDouble(2.0), attempt);
          total += Math.min(delay, retrier.path("MaxDelaySeconds").asDouble(Double.MAX_VALUE));
        }
        return Duration.ofMillis((long) (total * 1000));
      }
    }
    throw new AssertionError(step + " does not retry " + UNAVAILABLE);
  }
}

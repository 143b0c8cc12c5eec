package io.orderflow.api;

import static io.orderflow.api.ApiFixture.event;
import static io.orderflow.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.charge.PaymentGateway;
import io.orderflow.charge.PaymentGatewayUnavailable;
import io.orderflow.charge.PaymentService;
import io.orderflow.charge.SimulatedPaymentGateway;
import io.orderflow.intake.ExecutionSettings;
import io.orderflow.intake.FulfillmentStarter;
import io.orderflow.order.Money;
import io.orderflow.order.OrderStatus;
import io.orderflow.refund.RefundService;
import io.orderflow.reserve.ReservationService;
import io.orderflow.sweep.FulfillmentExecutions;
import io.orderflow.sweep.StrandedOrderSweeper;
import io.orderflow.sweep.SweepSettings;
import io.orderflow.testing.RecordingWorkflowStarter;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An order the sweeper could not compensate is what ops find under {@code GET /ops/orders?status=NEEDS_ATTENTION}. */
class NeedsAttentionApiTest {

  private final ApiFixture api = new ApiFixture();
  private final PaymentGateway provider = new SimulatedPaymentGateway();

  /** A provider that authorizes but cannot void: the compensation keeps failing. */
  private final PaymentGateway voidsDown = new PaymentGateway() {
    @Override
    public Authorization authorize(String key, String token, Money amount, int attempt) {
      return provider.authorize(key, token, amount, attempt);
    }

    @Override
    public String capture(String key, String authorizationId, Money amount) {
      return provider.capture(key, authorizationId, amount);
    }

    @Override
    public String voidAuthorization(String key, String authorizationId) {
      throw new PaymentGatewayUnavailable("the provider is down");
    }

    @Override
    public String refund(String key, String captureId, Money amount) {
      return provider.refund(key, captureId, amount);
    }
  };

  /** Every execution is gone: nothing to redrive. */
  private final FulfillmentExecutions gone = new FulfillmentExecutions() {
    @Override
    public Optional<Execution> describe(String orderId) {
      return Optional.of(new Execution(Status.FAILED, 0));
    }

    @Override
    public boolean redrive(String orderId, String clientToken) {
      return false;
    }
  };

  @Test
  void aParkedOrderIsListedUnderNeedsAttention() {
    api.seed("stuck-1", ApiFixture.CUSTOMER, OrderStatus.RESERVED);
    api.seed("fine-1", ApiFixture.CUSTOMER, OrderStatus.PAID);
    PaymentService payments = new PaymentService(api.orders, voidsDown, api.idempotency, api.clock);
    payments.authorize("stuck-1", 0);
    api.clock.advance(Duration.ofMinutes(20));
    StrandedOrderSweeper sweeper = new StrandedOrderSweeper(api.orders, gone,
        new FulfillmentStarter(new RecordingWorkflowStarter(), ExecutionSettings.DEFAULTS), payments,
        new RefundService(api.orders, voidsDown, api.idempotency, api.clock),
        new ReservationService(api.orders, api.inventory, api.clock, ReservationService.DEFAULT_TTL), api.clock,
        SweepSettings.DEFAULTS);

    StrandedOrderSweeper.Report report = sweeper.sweep(swept -> {});

    assertThat(report.parked()).isEqualTo(1);
    APIGatewayProxyRequestEvent list = event("ops-list-orders.json");
    list.getQueryStringParameters().put("status", "NEEDS_ATTENTION");
    APIGatewayProxyResponseEvent response = api.call(list);
    assertThat(response.getStatusCode()).isEqualTo(200);
    JsonNode orders = json(response).get("orders");
    assertThat(orders).singleElement().satisfies(order -> {
      assertThat(order.get("orderId").asText()).isEqualTo("stuck-1");
      assertThat(order.get("status").asText()).isEqualTo("NEEDS_ATTENTION");
      assertThat(order.get("statusReason").asText()).isEqualTo("COMPENSATION_FAILED");
    });
  }
}

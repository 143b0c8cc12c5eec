package io.orderflow.api;

import static io.orderflow.api.ApiFixture.ORDER_ID;
import static io.orderflow.api.ApiFixture.OPS_USER;
import static io.orderflow.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.orderflow.order.Notification;
import io.orderflow.order.Order;
import io.orderflow.order.Order.AwaitedEvent.Kind;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.OrderUpdater;
import io.orderflow.order.OrderUpdater.Change;
import io.orderflow.order.PaymentLedger;
import io.orderflow.order.StatusReason;
import io.orderflow.order.TimelineEvent;
import io.orderflow.platform.Queue;
import io.orderflow.reserve.Inventory.StockLevel;
import io.orderflow.testing.RecordingWorkflowCallbacks.Call;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrderDecisionsApiTest {

  private final ApiFixture api = new ApiFixture();

  @ParameterizedTest
  @EnumSource(value = OrderStatus.class, names = {"PENDING", "VALIDATED", "RESERVED", "ON_HOLD", "PAID"})
  void aCustomerCancelsBeforeDispatch(OrderStatus status) {
    api.seed(status);

    APIGatewayProxyResponseEvent response = api.call("cancel-order.json");

    assertThat(response.getStatusCode()).isEqualTo(202);
    assertThat(json(response).get("status").asText()).isEqualTo("CANCELLED");
    assertThat(json(response).get("statusReason").asText()).isEqualTo("CUSTOMER_CANCELLED");
    Order stored = api.orders.find(ORDER_ID).orElseThrow();
    assertThat(stored.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(stored.statusReason()).isEqualTo(StatusReason.CUSTOMER_CANCELLED);
    assertThat(lastEvent().type()).isEqualTo("ORDER_CANCELLED");
    assertThat(api.queues.messages(Queue.NOTIFICATIONS, Notification.class))
        .extracting(Notification::type).containsExactly("ORDER_CANCELLED");
  }

  @ParameterizedTest
  @EnumSource(value = OrderStatus.class, names = {"RESERVED", "ON_HOLD", "PAID"})
  void aCancelReleasesTheStockAndVoidsTheAuthorizationItselfWhateverTheWorkflowDoes(OrderStatus status) {
    api.seed(status);
    Order seeded = api.orders.find(ORDER_ID).orElseThrow();
    seeded.quantitiesBySku().keySet().forEach(sku -> api.inventory.setAvailable(sku, 10));
    api.inventory.reserve(ORDER_ID, seeded.quantitiesBySku(), api.clock.instant().plus(Duration.ofDays(7)));
    // Authorized by a workflow that then died (its execution failed, or was never restored).
    String authorization = api.payments.authorize("authorize:" + ORDER_ID, "tok_visa", seeded.total(), 0)
        .authorizationId();
    new OrderUpdater(api.orders).update(ORDER_ID, order -> Change.to(order.withLedger(
        order.ledger().authorize("authorize:" + ORDER_ID, order.total(), authorization, api.clock.instant()),
        api.clock.instant())));

    assertThat(api.call("cancel-order.json").getStatusCode()).isEqualTo(202);

    Order cancelled = api.orders.find(ORDER_ID).orElseThrow();
    assertThat(cancelled.ledger().status()).isEqualTo(PaymentLedger.Status.VOIDED);
    seeded.quantitiesBySku().keySet().forEach(sku ->
        assertThat(api.inventory.level(sku)).isEqualTo(new StockLevel(sku, 10, 0)));
    int events = api.orders.timeline(ORDER_ID).size();
    // Cancelling again (or the workflow's own compensation) finds nothing left to do.
    assertThat(api.call("cancel-order.json").getStatusCode()).isEqualTo(202);
    assertThat(api.orders.timeline(ORDER_ID)).hasSize(events);
    seeded.quantitiesBySku().keySet().forEach(sku ->
        assertThat(api.inventory.level(sku)).isEqualTo(new StockLevel(sku, 10, 0)));
  }

  @Test
  void cancellingAHeldOrderFailsTheParkedHoldWithOrderCancelled() {
    api.seed(OrderStatus.ON_HOLD);
    api.park(ORDER_ID, Kind.HOLD_RELEASE, "hold-token");

    api.call("cancel-order.json");

    assertThat(api.callbacks.calls()).singleElement().satisfies(call -> {
      assertThat(call.taskToken()).isEqualTo("hold-token");
      assertThat(call.success()).isFalse();
      assertThat(call.error()).isEqualTo("io.orderflow.order.OrderCancelled");
    });
    assertThat(api.orders.find(ORDER_ID).orElseThrow().awaiting()).isNull();
  }

  @Test
  void cancellingAgainAnswersTheSameWithoutASecondEffect() {
    api.seed(OrderStatus.PAID);
    api.call("cancel-order.json");
    int events = api.orders.timeline(ORDER_ID).size();

    APIGatewayProxyResponseEvent again = api.call("cancel-order.json");

    assertThat(again.getStatusCode()).isEqualTo(202);
    assertThat(json(again).get("status").asText()).isEqualTo("CANCELLED");
    assertThat(api.orders.timeline(ORDER_ID)).hasSize(events);
    assertThat(api.queues.messages(Queue.NOTIFICATIONS)).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(value = OrderStatus.class, names = {"DISPATCHED", "IN_TRANSIT", "DELIVERED", "COMPLETED", "REJECTED"})
  void onceDispatchedOrEndedAnOrderCannotBeCancelled(OrderStatus status) {
    api.seed(status);

    APIGatewayProxyResponseEvent response = api.call("cancel-order.json");

    assertThat(response.getStatusCode()).isEqualTo(409);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("CONFLICT");
    assertThat(api.orders.find(ORDER_ID).orElseThrow().status()).isEqualTo(status);
    assertThat(api.queues.messages(Queue.NOTIFICATIONS)).isEmpty();
  }

  @Test
  void anotherCustomerCannotCancelMyOrder() {
    api.seed(ORDER_ID, "another-customer", OrderStatus.PENDING);

    assertThat(api.call("cancel-order.json").getStatusCode()).isEqualTo(404);
    assertThat(api.orders.find(ORDER_ID).orElseThrow().status()).isEqualTo(OrderStatus.PENDING);
  }

  @Test
  void confirmingReceiptCompletesTheOrderAndResumesTheParkedStep() {
    api.seed(OrderStatus.DELIVERED);
    api.park(ORDER_ID, Kind.RECEIPT, "receipt-token");

    APIGatewayProxyResponseEvent response = api.call("confirm-receipt.json");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json(response).get("status").asText()).isEqualTo("COMPLETED");
    Order stored = api.orders.find(ORDER_ID).orElseThrow();
    assertThat(stored.statusReason()).isEqualTo(StatusReason.CUSTOMER_CONFIRMED);
    assertThat(lastEvent().type()).isEqualTo("ORDER_COMPLETED");
    assertThat(api.callbacks.calls()).extracting(Call::taskToken, Call::success)
        .containsExactly(tuple("receipt-token", true));
    assertThat(api.queues.messages(Queue.NOTIFICATIONS, Notification.class))
        .extracting(Notification::type).containsExactly("ORDER_COMPLETED");
  }

  @Test
  void confirmingBeforeTheStepParksStoresTheDecisionForTheStepToFind() {
    api.seed(OrderStatus.DELIVERED);

    assertThat(api.call("confirm-receipt.json").getStatusCode()).isEqualTo(200);
    assertThat(api.orders.find(ORDER_ID).orElseThrow().status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(api.callbacks.calls()).isEmpty();
  }

  @Test
  void confirmingAgainIsAnsweredWithoutASecondEffect() {
    api.seed(OrderStatus.DELIVERED);
    api.park(ORDER_ID, Kind.RECEIPT, "receipt-token");
    api.call("confirm-receipt.json");

    APIGatewayProxyResponseEvent again = api.call("confirm-receipt.json");

    assertThat(again.getStatusCode()).isEqualTo(200);
    assertThat(json(again).get("status").asText()).isEqualTo("COMPLETED");
    assertThat(api.callbacks.calls()).hasSize(1);
    assertThat(api.orders.timeline(ORDER_ID)).filteredOn(event -> event.type().equals("ORDER_COMPLETED")).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(value = OrderStatus.class, names = {"PAID", "IN_TRANSIT", "CANCELLED"})
  void receiptCanOnlyBeConfirmedOnceDelivered(OrderStatus status) {
    api.seed(status);

    assertThat(api.call("confirm-receipt.json").getStatusCode()).isEqualTo(409);
    assertThat(api.orders.find(ORDER_ID).orElseThrow().status()).isEqualTo(status);
  }

  @Test
  void opsReleaseAHeldOrderAndTheWorkflowGoesOn() {
    api.seed(OrderStatus.ON_HOLD);
    api.park(ORDER_ID, Kind.HOLD_RELEASE, "hold-token");

    APIGatewayProxyResponseEvent response = api.call("ops-release-hold.json");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json(response).get("status").asText()).isEqualTo("PAID");
    TimelineEvent released = lastEvent();
    assertThat(released.type()).isEqualTo("HOLD_RELEASED");
    assertThat(released.detail()).containsEntry("releasedBy", OPS_USER);
    assertThat(api.callbacks.calls()).singleElement().satisfies(call -> {
      assertThat(call.taskToken()).isEqualTo("hold-token");
      assertThat(call.success()).isTrue();
    });
  }

  @ParameterizedTest
  @EnumSource(value = OrderStatus.class, names = {"RESERVED", "PAID", "CANCELLED"})
  void onlyAHeldOrderCanBeReleased(OrderStatus status) {
    api.seed(status);

    APIGatewayProxyResponseEvent response = api.call("ops-release-hold.json");

    assertThat(response.getStatusCode()).isEqualTo(409);
    assertThat(api.orders.find(ORDER_ID).orElseThrow().status()).isEqualTo(status);
    assertThat(api.callbacks.calls()).isEmpty();
  }

  @Test
  void releasingAnUnknownOrderIsNotFound() {
    assertThat(api.call("ops-release-hold.json").getStatusCode()).isEqualTo(404);
  }

  private TimelineEvent lastEvent() {
    List<TimelineEvent> timeline = api.orders.timeline(ORDER_ID);
    return timeline.get(timeline.size() - 1);
  }
}

package io.orderflow.reserve;

import static io.orderflow.testing.OrderStepsFixture.ORDER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.orderflow.order.OrderStatus;
import io.orderflow.platform.StreamFilter;
import io.orderflow.reserve.Inventory.StockLevel;
import io.orderflow.testing.OrderStepsFixture;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Inventory stream's consumer, fed the sample stream event of {@code events/dynamodb/}. */
class ExpiredReservationHandlerTest {

  private final OrderStepsFixture fixture = new OrderStepsFixture();
  private final ExpiredReservationHandler handler = new ExpiredReservationHandler(fixture.reservations());

  @Test
  void reservationsTheTtlRemovedGoBackOnSaleOnceAndShowOnTheTimeline() {
    fixture.reserved("tok_visa");
    assertThat(fixture.inventory.level("SKU-1")).isEqualTo(new StockLevel("SKU-1", 8, 2));

    StreamsEventResponse first = handler.handleRequest(sample(), null);
    StreamsEventResponse redelivered = handler.handleRequest(sample(), null);

    assertThat(first.getBatchItemFailures()).isEmpty();
    assertThat(redelivered.getBatchItemFailures()).isEmpty();
    assertThat(fixture.inventory.level("SKU-1")).isEqualTo(new StockLevel("SKU-1", 10, 0));
    assertThat(fixture.inventory.level("SKU-2")).isEqualTo(new StockLevel("SKU-2", 10, 0));
    assertThat(fixture.inventory.held(OrderStepsFixture.CUSTOMER, List.of("SKU-1", "SKU-2")))
        .as("the customer's held units go down once, by the expired quantities")
        .containsEntry("SKU-1", 0).containsEntry("SKU-2", 0);
    assertThat(fixture.timelineTypes()).containsSubsequence("STOCK_RESERVED", "RESERVATION_EXPIRED", "RESERVATION_EXPIRED")
        .filteredOn("RESERVATION_EXPIRED"::equals).hasSize(2);
    // The order's own status is its workflow's business, not the stream's.
    assertThat(fixture.order().status()).isEqualTo(OrderStatus.RESERVED);
  }

  @Test
  void onlyReservationsRemovedByTheTtlCount() {
    fixture.reserved("tok_visa");
    DynamodbEvent event = sample();
    DynamodbStreamRecord releasedByTheWorkflow = event.getRecords().get(0);
    releasedByTheWorkflow.setUserIdentity(null);
    DynamodbStreamRecord markerExpired = event.getRecords().get(1);
    Map<String, AttributeValue> marker = new HashMap<>(markerExpired.getDynamodb().getKeys());
    marker.put("sk", new AttributeValue().withS("EXPIRED#" + ORDER_ID));
    markerExpired.getDynamodb().setKeys(marker);
    DynamodbStreamRecord stockChanged = copy(event.getRecords().get(0));
    stockChanged.setEventName("MODIFY");
    stockChanged.setUserIdentity(new Identity().withType(StreamFilter.TTL_IDENTITY_TYPE).withPrincipalId(StreamFilter.TTL_PRINCIPAL));
    event.setRecords(List.of(releasedByTheWorkflow, markerExpired, stockChanged));

    assertThat(handler.handleRequest(event, null).getBatchItemFailures()).isEmpty();

    assertThat(fixture.inventory.level("SKU-1")).isEqualTo(new StockLevel("SKU-1", 8, 2));
    assertThat(fixture.inventory.level("SKU-2")).isEqualTo(new StockLevel("SKU-2", 9, 1));
    assertThat(fixture.timelineTypes()).doesNotContain("RESERVATION_EXPIRED");
  }

  @Test
  void theFirstFailureIsReportedAndNothingAfterItRuns() {
    fixture.reserved("tok_visa");
    Inventory failsOnSku1 = (Inventory) Proxy.newProxyInstance(
        Inventory.class.getClassLoader(), new Class<?>[] {Inventory.class}, (proxy, method, args) -> {
          // The SKU is the argument before the quantity, with or without the customer.
          if (method.getName().equals("returnExpired") && "SKU-1".equals(args[args.length - 2])) {
            throw new IllegalStateException("throttled");
          }
          try {
            return method.invoke(fixture.inventory, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    ExpiredReservationHandler failing = new ExpiredReservationHandler(new ReservationService(
        fixture.orders, failsOnSku1, fixture.clock, ReservationService.DEFAULT_TTL));

    StreamsEventResponse response = failing.handleRequest(sample(), null);

    assertThat(response.getBatchItemFailures())
        .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("4421584500000000017450439091");
    assertThat(fixture.inventory.level("SKU-2")).isEqualTo(new StockLevel("SKU-2", 9, 1));
  }

  private static DynamodbEvent sample() {
    return EventLoader.loadDynamoDbEvent("events/dynamodb/inventory-stream.json");
  }

  private static DynamodbStreamRecord copy(DynamodbStreamRecord record) {
    return sample().getRecords().stream()
        .filter(candidate -> candidate.getEventID().equals(record.getEventID()))
        .findFirst()
        .orElseThrow();
  }
}

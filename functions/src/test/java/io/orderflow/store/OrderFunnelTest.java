package io.orderflow.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.order.Address;
import io.orderflow.order.Money;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.StatusReason;
import io.orderflow.platform.Metrics;
import io.orderflow.platform.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAws.Extension.class)
class OrderFunnelTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  private final List<String> counted = new ArrayList<>();
  private final DynamoOrderRepository orders;

  OrderFunnelTest(LocalAws aws) {
    orders = new DynamoOrderRepository(aws.dynamo, aws.names.tableName(Table.ORDERS),
        order -> counted.add(order.status() + (order.statusReason() == null ? "" : "/" + order.statusReason())));
  }

  @Test
  void countsEachStatusAnOrderReachesOnceAndNothingForOtherWrites() {
    Order placed = Order.place("funnel-" + UUID.randomUUID(), "c", List.of(new OrderLine("S", 1, Money.of("1.00", "USD"))),
        new Address("A", "1 St", null, "City", null, "62701", "US", null), new Order.PaymentMethod("card", "tok_visa"),
        null, null, T0);
    orders.create(placed, List.of());
    Order validated = placed.moveTo(OrderStatus.VALIDATED, null, T0);
    orders.update(validated, List.of());
    Order withEta = validated.withEta(java.time.LocalDate.of(2026, 11, 30), T0);
    orders.update(withEta, List.of());
    orders.update(withEta.moveTo(OrderStatus.CANCELLED, StatusReason.CUSTOMER_CANCELLED, T0), List.of());

    assertThat(counted).containsExactly("PENDING", "VALIDATED", "CANCELLED/CUSTOMER_CANCELLED");
  }

  @Test
  void writesCancellationsAsEmbeddedMetricsWithTheReasonDimension() throws Exception {
    List<String> lines = new ArrayList<>();
    Order cancelled = Order.place("o-emf", "c", List.of(new OrderLine("S", 1, Money.of("1.00", "USD"))),
            new Address("A", "1 St", null, "City", null, "62701", "US", null), new Order.PaymentMethod("card", "t"),
            null, null, T0)
        .moveTo(OrderStatus.CANCELLED, StatusReason.OUT_OF_STOCK, T0);

    OrderFunnel.emf(lines::add, java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC), "orderflow-reserve").reached(cancelled);

    com.fasterxml.jackson.databind.JsonNode emf = io.orderflow.platform.Json.MAPPER.readTree(lines.get(0));
    com.fasterxml.jackson.databind.JsonNode directive = emf.at("/_aws/CloudWatchMetrics/0");
    assertThat(emf.at("/_aws/Timestamp").asLong()).isEqualTo(T0.toEpochMilli());
    assertThat(directive.get("Namespace").asText()).isEqualTo(Metrics.NAMESPACE);
    assertThat(directive.at("/Dimensions/0").toString()).isEqualTo("[\"service\",\"reason\"]");
    assertThat(directive.at("/Metrics/0/Name").asText()).isEqualTo(Metrics.ORDERS_CANCELLED);
    assertThat(emf.get("service").asText()).isEqualTo("orderflow-reserve");
    assertThat(emf.get("reason").asText()).isEqualTo("OUT_OF_STOCK");
    assertThat(emf.get(Metrics.ORDERS_CANCELLED).asInt()).isEqualTo(1);
  }

  @Test
  void mapsTheFunnelStagesToTheDashboardsMetrics() {
    assertThat(OrderFunnel.metricFor(OrderStatus.PENDING)).contains(Metrics.ORDERS_PLACED);
    assertThat(OrderFunnel.metricFor(OrderStatus.RESERVED)).contains(Metrics.ORDERS_RESERVED);
    assertThat(OrderFunnel.metricFor(OrderStatus.PAID)).contains(Metrics.ORDERS_PAID);
    assertThat(OrderFunnel.metricFor(OrderStatus.DISPATCHED)).contains(Metrics.ORDERS_DISPATCHED);
    assertThat(OrderFunnel.metricFor(OrderStatus.DELIVERED)).contains(Metrics.ORDERS_DELIVERED);
    assertThat(OrderFunnel.metricFor(OrderStatus.CANCELLED)).contains(Metrics.ORDERS_CANCELLED);
    assertThat(OrderFunnel.metricFor(OrderStatus.VALIDATED)).isEmpty();
    assertThat(OrderFunnel.metricFor(OrderStatus.IN_TRANSIT)).isEmpty();
  }
}

package io.orderflow.validate;

import static io.orderflow.order.OrderStatus.PENDING;
import static io.orderflow.order.OrderStatus.REJECTED;
import static io.orderflow.order.OrderStatus.VALIDATED;

import io.orderflow.order.Catalog;
import io.orderflow.order.CatalogItem;
import io.orderflow.order.InvalidOrder;
import io.orderflow.order.Money;
import io.orderflow.order.Notification;
import io.orderflow.order.Order;
import io.orderflow.order.OrderCancelled;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.OrderUpdater;
import io.orderflow.order.OrderUpdater.Change;
import io.orderflow.order.OrderUpdater.OrderNotFound;
import io.orderflow.order.PaymentLedger;
import io.orderflow.order.StatusReason;
import io.orderflow.order.TimelineEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The validate step: a PENDING order becomes VALIDATED (priced, with its ETA, the customer told)
 * or REJECTED with the first reason it cannot be fulfilled. The API only checks the request's
 * shape; whether the SKUs exist and are sold, and whether the carrier can deliver, is decided here.
 */
public final class OrderValidation {

  private final OrderRepository orders;
  private final OrderUpdater updater;
  private final Catalog catalog;
  private final Clock clock;

  public OrderValidation(OrderRepository orders, Catalog catalog, Clock clock) {
    this.orders = orders;
    this.updater = new OrderUpdater(orders);
    this.catalog = catalog;
    this.clock = clock;
  }

  /** The step's result, also returned unchanged when a retried task finds the order validated. */
  public record Validated(String orderId, OrderStatus status, LocalDate eta) {}

  /**
   * Validates the order once; later calls return the same result.
   *
   * @throws InvalidOrder if the order was rejected (now or earlier)
   * @throws OrderCancelled if the customer cancelled meanwhile
   */
  public Validated validate(String orderId) {
    Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFound(orderId));
    if (order.status() == PENDING) {
      Verdict verdict = judge(order);
      Instant now = clock.instant();
      Change change = updater.apply(orderId, current ->
          current.status() == PENDING ? verdict.record(current, now) : Change.none(current));
      if (change.changed()) {
        if (verdict.rejection() != null) {
          throw new InvalidOrder(verdict.rejection(), verdict.problem());
        }
      }
      order = change.order();
    }
    return resultOf(order);
  }

  private static Validated resultOf(Order order) {
    return switch (order.status()) {
      case PENDING -> throw new IllegalStateException("order " + order.orderId() + " is still PENDING");
      case REJECTED -> throw new InvalidOrder(order.statusReason(), "order " + order.orderId() + " was rejected");
      case CANCELLED -> throw new OrderCancelled(order.orderId());
      default -> new Validated(order.orderId(), VALIDATED, order.eta());
    };
  }

  /** Checks the order against the catalog and the carrier's reach, first failure wins. */
  private Verdict judge(Order order) {
    Map<String, CatalogItem> items = catalog.findAll(order.quantitiesBySku().keySet());
    List<String> unknown = skus(order, sku -> !items.containsKey(sku));
    if (!unknown.isEmpty()) {
      return Verdict.rejected(StatusReason.UNKNOWN_SKU, "unknown SKU: " + String.join(", ", unknown));
    }
    List<String> inactive = skus(order, sku -> !items.get(sku).active());
    if (!inactive.isEmpty()) {
      return Verdict.rejected(StatusReason.INACTIVE_SKU, "no longer sold: " + String.join(", ", inactive));
    }
    // Lines the API priced keep their price; a line without one is priced from the catalog now.
    List<OrderLine> priced = new ArrayList<>();
    for (OrderLine line : order.lines()) {
      Money price = line.unitPrice() != null ? line.unitPrice() : items.get(line.sku()).unitPrice();
      priced.add(new OrderLine(line.sku(), line.quantity(), price));
    }
    Set<Currency> currencies = priced.stream().map(line -> line.unitPrice().currency()).collect(Collectors.toSet());
    if (currencies.size() > 1) {
      return Verdict.rejected(StatusReason.MIXED_CURRENCY, "lines are priced in " + currencies);
    }
    // Quantities need no check here: an OrderLine cannot hold one outside 1..999.
    Optional<String> addressProblem = DeliverableAddress.problem(order.shippingAddress());
    if (addressProblem.isPresent()) {
      return Verdict.rejected(StatusReason.UNDELIVERABLE_ADDRESS, addressProblem.get());
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return Verdict.validated(priced, currencies.iterator().next(), DeliveryEstimate.eta(today, order.shippingSpeed()));
  }

  private static List<String> skus(Order order, Predicate<String> matching) {
    return order.quantitiesBySku().keySet().stream().filter(matching).toList();
  }

  /** What validation decided: a rejection with its reason, or the priced lines and the ETA. */
  private record Verdict(
      StatusReason rejection, String problem, List<OrderLine> pricedLines, Currency currency, LocalDate eta) {

    static Verdict rejected(StatusReason reason, String problem) {
      return new Verdict(reason, problem, null, null, null);
    }

    static Verdict validated(List<OrderLine> pricedLines, Currency currency, LocalDate eta) {
      return new Verdict(null, null, pricedLines, currency, eta);
    }

    /** The order's verdict and the customer's notification of it, in one write. */
    Change record(Order order, Instant now) {
      Change change = judged(order, now);
      return change.notifying(notification(change.order()));
    }

    private Change judged(Order order, Instant now) {
      if (rejection != null) {
        return Change.to(
            order.moveTo(REJECTED, rejection, now),
            new TimelineEvent(now, "ORDER_REJECTED", REJECTED, Map.of("reason", rejection.name(), "problem", problem)));
      }
      Order validated = order.inOneVersion(o -> {
        Order next = o.withLines(pricedLines, now).withEta(eta, now).moveTo(VALIDATED, null, now);
        // An order placed with no priced line got a placeholder ledger currency; the ledger is
        // still empty before payment, so it can simply take the lines' currency.
        return next.ledger().currency().equals(currency) ? next : next.withLedger(PaymentLedger.empty(currency), now);
      });
      return Change.to(
          validated,
          new TimelineEvent(now, "ORDER_VALIDATED", VALIDATED, Map.of(
              "eta", eta.toString(),
              "total", validated.total().amountString(),
              "currency", validated.total().currencyCode())));
    }

    Notification notification(Order order) {
      return rejection != null
          ? new Notification(order.orderId(), order.customerId(), "ORDER_REJECTED",
              Map.of("reason", rejection.name(), "problem", problem))
          : new Notification(order.orderId(), order.customerId(), "ORDER_CONFIRMED",
              Map.of("orderNumber", order.orderId(), "eta", eta.toString()));
    }
  }
}

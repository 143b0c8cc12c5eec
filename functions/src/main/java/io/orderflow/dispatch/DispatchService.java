package io.orderflow.dispatch;

import static io.orderflow.order.OrderStatus.CANCELLED;
import static io.orderflow.order.OrderStatus.DISPATCHED;
import static io.orderflow.order.OrderStatus.PAID;

import io.orderflow.dispatch.CarrierRequest.ParcelLine;
import io.orderflow.order.Catalog;
import io.orderflow.order.CatalogItem;
import io.orderflow.order.IllegalTransition;
import io.orderflow.order.Notification;
import io.orderflow.order.Order;
import io.orderflow.order.Order.AwaitedEvent;
import io.orderflow.order.OrderCancelled;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.OrderUpdater;
import io.orderflow.order.OrderUpdater.Change;
import io.orderflow.order.OrderUpdater.OrderNotFound;
import io.orderflow.order.QueuePublisher;
import io.orderflow.order.Shipment;
import io.orderflow.order.TimelineEvent;
import io.orderflow.order.WorkflowCallbacks;
import io.orderflow.platform.Queue;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hands a paid order to the carrier: labels the parcel, parks the workflow's task token on the
 * order until the carrier reports the pickup, and asks the carrier to collect.
 */
public final class DispatchService {

  /** Statuses that mean the carrier already has the parcel. */
  private static final Set<OrderStatus> CARRIER_HAS_PARCEL =
      EnumSet.of(OrderStatus.IN_TRANSIT, OrderStatus.DELIVERED, OrderStatus.DELIVERY_EXCEPTION, OrderStatus.COMPLETED);

  private final OrderRepository orders;
  private final OrderUpdater updater;
  private final Catalog catalog;
  private final QueuePublisher queues;
  private final WorkflowCallbacks callbacks;
  private final Clock clock;
  private final ShipmentPlanner planner;

  public DispatchService(
      OrderRepository orders,
      Catalog catalog,
      QueuePublisher queues,
      WorkflowCallbacks callbacks,
      Clock clock,
      String carrier) {
    this.orders = orders;
    this.updater = new OrderUpdater(orders);
    this.catalog = catalog;
    this.queues = queues;
    this.callbacks = callbacks;
    this.clock = clock;
    this.planner = new ShipmentPlanner(carrier);
  }

  /**
   * Dispatches the order and parks {@code taskToken} until the pickup. A retried task (new token)
   * keeps the parcel and its tracking number, replaces the token and asks the carrier again.
   *
   * @return the parcel's tracking number
   * @throws OrderCancelled if the customer cancelled meanwhile
   */
  public String dispatch(String orderId, String taskToken) {
    Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFound(orderId));
    if (order.status() == CANCELLED) {
      throw new OrderCancelled(orderId);
    }
    Map<String, CatalogItem> products = catalog.findAll(order.quantitiesBySku().keySet());
    AwaitedEvent pickup = new AwaitedEvent(AwaitedEvent.Kind.PICKUP, taskToken);
    Instant now = clock.instant();

    Change change = updater.apply(orderId, current -> parkPickup(current, products, pickup, now));
    Order dispatched = change.order();
    Shipment shipment = dispatched.shipment();
    if (CARRIER_HAS_PARCEL.contains(dispatched.status())) {
      // The carrier collected the parcel while this task was being retried, so nobody else will
      // resume the new token.
      callbacks.resume(taskToken, new PickupConfirmation(shipment.trackingNumber(), pickedUpAt(orderId)));
      return shipment.trackingNumber();
    }
    // Sent on every attempt: the carrier dedupes by order, and a retried dispatch must reach it.
    queues.publish(Queue.CARRIER_REQUESTS, carrierRequest(dispatched, now));
    return shipment.trackingNumber();
  }

  private Change parkPickup(Order current, Map<String, CatalogItem> products, AwaitedEvent pickup, Instant now) {
    OrderStatus status = current.status();
    if (status == CANCELLED) {
      throw new OrderCancelled(current.orderId());
    }
    if (status == PAID) {
      Shipment shipment = planner.plan(current, products);
      Order dispatched = current.inOneVersion(o -> o
          .moveTo(DISPATCHED, null, now)
          .withShipment(shipment, now)
          .awaiting(pickup, now));
      return Change.to(dispatched, new TimelineEvent(now, "ORDER_DISPATCHED", DISPATCHED, Map.of(
              "carrier", shipment.carrier(), "trackingNumber", shipment.trackingNumber())))
          .notifying(dispatchedNotification(dispatched));
    }
    if (status == DISPATCHED) {
      return pickup.equals(current.awaiting()) ? Change.none(current) : Change.to(current.awaiting(pickup, now));
    }
    if (CARRIER_HAS_PARCEL.contains(status)) {
      return Change.none(current);
    }
    throw new IllegalTransition(current.orderId(), status, DISPATCHED);
  }

  private Instant pickedUpAt(String orderId) {
    return orders.timeline(orderId).stream()
        .filter(event -> event.type().equals("PICKED_UP"))
        .map(TimelineEvent::at)
        .findFirst()
        .orElse(null);
  }

  private static Notification dispatchedNotification(Order order) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("carrier", order.shipment().carrier());
    data.put("trackingNumber", order.shipment().trackingNumber());
    if (order.eta() != null) {
      data.put("eta", order.eta().toString());
    }
    return new Notification(order.orderId(), order.customerId(), "ORDER_DISPATCHED", data);
  }

  private static CarrierRequest carrierRequest(Order order, Instant now) {
    List<ParcelLine> lines = order.quantitiesBySku().entrySet().stream()
        .map(line -> new ParcelLine(line.getKey(), line.getValue()))
        .toList();
    Shipment shipment = order.shipment();
    return new CarrierRequest(
        order.orderId(), shipment.carrier(), shipment.trackingNumber(), order.shippingAddress(),
        order.shippingSpeed(), lines, now);
  }
}

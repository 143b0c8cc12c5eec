package io.orderflow.track;

import static io.orderflow.order.OrderStatus.DELIVERED;
import static io.orderflow.order.OrderStatus.DELIVERY_EXCEPTION;
import static io.orderflow.order.OrderStatus.DISPATCHED;
import static io.orderflow.order.OrderStatus.IN_TRANSIT;

import io.orderflow.aftersales.tickets.TicketCategory;
import io.orderflow.aftersales.tickets.TicketRequest;
import io.orderflow.dispatch.PickupConfirmation;
import io.orderflow.idempotency.Idempotency;
import io.orderflow.idempotency.IdempotencyStore;
import io.orderflow.order.Notification;
import io.orderflow.order.Order;
import io.orderflow.order.Order.AwaitedEvent.Kind;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.OrderUpdater;
import io.orderflow.order.OrderUpdater.Change;
import io.orderflow.order.Shipment;
import io.orderflow.order.TimelineEvent;
import io.orderflow.order.WorkflowCallbacks;
import io.orderflow.platform.Json;
import io.orderflow.platform.Queue;
import io.orderflow.reserve.Inventory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Applies carrier tracking events to orders, each at most once however often the carrier sends
 * it: every event lands on the timeline once; pickup, delivery and exceptions move the order and
 * resume (or fail) the workflow step that waits for them.
 */
public final class TrackingService {

  private final OrderRepository orders;
  private final OrderUpdater updater;
  private final Inventory inventory;
  private final WorkflowCallbacks callbacks;
  private final Idempotency idempotency;
  private final Clock clock;

  public TrackingService(
      OrderRepository orders,
      Inventory inventory,
      WorkflowCallbacks callbacks,
      IdempotencyStore idempotencyStore,
      Clock clock) {
    this.orders = orders;
    this.updater = new OrderUpdater(orders);
    this.inventory = inventory;
    this.callbacks = callbacks;
    this.idempotency = Idempotency.withDefaults(idempotencyStore, clock);
    this.clock = clock;
  }

  /** The answer to the carrier: the order the event belongs to and its status after it. */
  public record Receipt(boolean accepted, String orderId, OrderStatus status) {}

  /** The receipt, and whether the event was a duplicate (answered from the first time). */
  public record Outcome(Receipt receipt, boolean duplicate) {}

  /** No parcel of this carrier has the tracking number. */
  public static class UnknownTrackingNumber extends RuntimeException {
    public UnknownTrackingNumber(String trackingNumber) {
      super("no parcel with tracking number " + trackingNumber);
    }
  }

  /**
   * The event says it happened when it cannot have: before its order was placed, or later than
   * {@link #CLOCK_SKEW} from now. Stored, such a time would end windows at once (a return window
   * that closed before the parcel came) or keep them open for years.
   */
  public static class ImplausibleOccurredAt extends RuntimeException {
    public ImplausibleOccurredAt(String problem) {
      super(problem);
    }
  }

  /** How far ahead of this clock a carrier's clock may run. */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  /**
   * Records {@code event} from {@code carrier}, or returns the first receipt for a repeated event
   * id.
   *
   * @throws UnknownTrackingNumber if no parcel of this carrier has the tracking number
   * @throws ImplausibleOccurredAt if {@code occurredAt} is before the order or in the future
   * @throws Idempotency.KeyReused if the event id came before with a different event
   * @throws Idempotency.InProgress if the same event is still being recorded after {@link
   *     Idempotency#DUPLICATE_WAIT}
   */
  public Outcome record(String carrier, CarrierEvent event) {
    String key = "carrier-event#" + carrier + "#" + event.eventId();
    // A carrier retrying fast must get 200 once the first delivery has been applied, not a 409.
    Idempotency.Result result = idempotency.runAwaiting(
        key, Idempotency.hash(Json.write(event)), () -> Json.write(apply(carrier, event)), Idempotency.DUPLICATE_WAIT);
    return new Outcome(Json.read(result.response(), Receipt.class), result.replayed());
  }

  private Receipt apply(String carrier, CarrierEvent event) {
    Order order = orders.findByTrackingNumber(event.trackingNumber())
        .filter(found -> carrier.equals(found.shipment().carrier()))
        .orElseThrow(() -> new UnknownTrackingNumber(event.trackingNumber()));
    Instant now = clock.instant();
    checkOccurredAt(event, order, now);
    String orderId = order.orderId();
    // A run that wrote the event and then died before its idempotency record completed must not
    // write it twice when the carrier retries.
    boolean onTimeline = orders.timeline(orderId).stream()
        .anyMatch(entry -> event.eventId().equals(entry.detail().get("eventId")));
    if (!onTimeline && order.status() == DISPATCHED) {
      // The carrier has the parcel: its units leave the books (reserved → shipped) before the order
      // says so. The other way round, a crash between the two writes left shipped units counted as
      // reserved, and a re-run Dispatch step finding the order in transit resumed the workflow
      // without ever committing them: the reservation's TTL later put them back on sale. Committing
      // is idempotent, so a retry of this event, or a concurrent scan, commits once.
      inventory.commit(orderId, order.quantitiesBySku().keySet());
    }
    // The order each attempt starts from: its parked task token is the one this change resolves
    // (moving the status unparks it).
    AtomicReference<Order> before = new AtomicReference<>(order);
    Change change = updater.apply(orderId, current -> {
      before.set(current);
      return onTimeline ? Change.none(current) : track(current, event, now);
    });
    if (change.changed()) {
      followUp(before.get(), change.order(), event, now);
    } else if (onTimeline) {
      // The carrier retries an event whose first attempt was written but failed afterwards
      // (the answer was a 5xx): finish what that attempt may not have done.
      resumeParked(change.order(), event, now);
    }
    return new Receipt(true, orderId, change.order().status());
  }

  private static void checkOccurredAt(CarrierEvent event, Order order, Instant now) {
    Instant occurredAt = event.occurredAt();
    if (occurredAt == null) {
      return;
    }
    if (occurredAt.isAfter(now.plus(CLOCK_SKEW))) {
      throw new ImplausibleOccurredAt("must not be more than " + CLOCK_SKEW.toMinutes() + " minutes in the future");
    }
    if (order.createdAt() != null && occurredAt.isBefore(order.createdAt())) {
      throw new ImplausibleOccurredAt("must not be before the order was placed (" + order.createdAt() + ")");
    }
  }

  private static Change track(Order current, CarrierEvent event, Instant now) {
    // Moving the status unparks the workflow's token; keep it parked until the next step parks
    // its own, so a retry of this event can still resume the workflow (see resumeParked).
    Order tracked = current.inOneVersion(order -> keepParked(order, advance(order, event, now), now));
    List<TimelineEvent> timeline = new ArrayList<>();
    if (current.status() == DISPATCHED && tracked.status() != DISPATCHED && event.status() != CarrierStatus.PICKED_UP) {
      // Carriers drop scans: a later scan proves the pickup the carrier never reported.
      timeline.add(new TimelineEvent(now, CarrierStatus.PICKED_UP.timelineType(), IN_TRANSIT,
          Map.of("impliedBy", event.eventId())));
    }
    timeline.add(new TimelineEvent(now, event.status().timelineType(), tracked.status(), detail(event)));
    return telling(current, new Change(tracked, timeline, true), event);
  }

  /** The change with what it sends: the customer hears of a delivery or a failed one, which also opens a ticket. */
  private static Change telling(Order before, Change change, CarrierEvent event) {
    Order after = change.order();
    String trackingNumber = after.shipment().trackingNumber();
    if (before.status() != DELIVERED && after.status() == DELIVERED) {
      change = change.notifying(new Notification(after.orderId(), after.customerId(), "DELIVERED",
          Map.of("trackingNumber", trackingNumber, "deliveredAt", after.deliveredAt().toString())));
    }
    if (before.status() != DELIVERY_EXCEPTION && after.status() == DELIVERY_EXCEPTION) {
      change = change
          .notifying(new Notification(after.orderId(), after.customerId(), "DELIVERY_EXCEPTION",
              exceptionData(trackingNumber, event.exception())))
          // Customer service follows every failed delivery up: one ticket per order, however often it is reported.
          .sending(Queue.AFTERSALES_TICKETS, new TicketRequest("delivery-exception-" + after.orderId(),
              after.customerId(), after.orderId(), null, TicketCategory.DELIVERY,
              "The carrier reported " + event.exception().code() + " for parcel " + trackingNumber
                  + (event.exception().message() == null ? "." : ": " + event.exception().message())));
    }
    return change;
  }

  /**
   * The order after the scan. Only a parcel on its way moves; for an order already past that
   * point (delivered, failed, cancelled) the scan is history and changes nothing.
   */
  private static Order advance(Order order, CarrierEvent event, Instant now) {
    if (order.status() != DISPATCHED && order.status() != IN_TRANSIT) {
      return order.withShipment(order.shipment(), now);
    }
    Order moved = order.status() == DISPATCHED ? order.moveTo(IN_TRANSIT, null, now) : order;
    if (event.status() == CarrierStatus.DELIVERED) {
      moved = moved.moveTo(DELIVERED, null, occurredAt(event, now));
    } else if (event.status() == CarrierStatus.EXCEPTION) {
      moved = moved.moveTo(DELIVERY_EXCEPTION, event.exception().code(), now);
    }
    Shipment shipment = moved.shipment();
    if (event.status().isAfter(shipment.status())) {
      shipment = shipment.withStatus(event.status().name());
    }
    return moved.withShipment(shipment, now);
  }

  /**
   * What follows from a write that moved the order: the workflow. (The stock moved before the
   * write, see {@link #apply}; what it tells the customer and customer service was stored with it,
   * see {@link #telling}.)
   */
  private void followUp(Order before, Order after, CarrierEvent event, Instant now) {
    String trackingNumber = after.shipment().trackingNumber();
    if (before.status() == DISPATCHED && after.status() != DISPATCHED) {
      // Its stock was committed before the write (see apply).
      before.parkedToken(Kind.PICKUP).ifPresent(token ->
          callbacks.resume(token, new PickupConfirmation(trackingNumber, occurredAt(event, now))));
    }
    if (before.status() != DELIVERED && after.status() == DELIVERED) {
      before.parkedToken(Kind.DELIVERY).ifPresent(token ->
          callbacks.resume(token, new DeliveryConfirmation(trackingNumber, after.deliveredAt())));
    }
    if (before.status() != DELIVERY_EXCEPTION && after.status() == DELIVERY_EXCEPTION) {
      before.parkedToken(Kind.DELIVERY).ifPresent(token ->
          callbacks.fail(token, DeliveryException.ERROR, event.exception().code().name()));
    }
  }

  private static Order keepParked(Order before, Order after, Instant now) {
    return before.awaiting() != null && after.awaiting() == null ? after.awaiting(before.awaiting(), now) : after;
  }

  /**
   * Resumes (or fails) the token still parked on an order the carrier's scans have already moved.
   * Both calls are safe to repeat: committing stock twice commits once, and a token that was
   * resumed before is refused by Step Functions, which the callbacks report as false.
   */
  private void resumeParked(Order order, CarrierEvent event, Instant now) {
    String trackingNumber = order.shipment().trackingNumber();
    if (order.status() != DISPATCHED) {
      order.parkedToken(Kind.PICKUP).ifPresent(token -> {
        inventory.commit(order.orderId(), order.quantitiesBySku().keySet());
        callbacks.resume(token, new PickupConfirmation(trackingNumber, occurredAt(event, now)));
      });
    }
    order.parkedToken(Kind.DELIVERY).ifPresent(token -> {
      if (order.status() == DELIVERED) {
        callbacks.resume(token, new DeliveryConfirmation(trackingNumber, order.deliveredAt()));
      } else if (order.status() == DELIVERY_EXCEPTION && order.statusReason() != null) {
        callbacks.fail(token, DeliveryException.ERROR, order.statusReason().name());
      }
    });
  }

  /** When the scan happened; never later than now, whatever the carrier's clock says. */
  private static Instant occurredAt(CarrierEvent event, Instant now) {
    return event.occurredAt() == null || event.occurredAt().isAfter(now) ? now : event.occurredAt();
  }

  private static Map<String, Object> detail(CarrierEvent event) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("eventId", event.eventId());
    if (event.location() != null) {
      detail.put("location", event.location());
    }
    if (event.occurredAt() != null) {
      detail.put("occurredAt", event.occurredAt().toString());
    }
    if (event.exception() != null) {
      detail.put("exception", exceptionData(null, event.exception()));
    }
    return detail;
  }

  private static Map<String, Object> exceptionData(String trackingNumber, CarrierEvent.Problem problem) {
    Map<String, Object> data = new LinkedHashMap<>();
    if (trackingNumber != null) {
      data.put("trackingNumber", trackingNumber);
    }
    data.put("code", problem.code().name());
    if (problem.message() != null) {
      data.put("message", problem.message());
    }
    return data;
  }
}

package io.orderflow.store;

import static io.orderflow.store.Attributes.dateOrNull;
import static io.orderflow.store.Attributes.enumOrNull;
import static io.orderflow.store.Attributes.instant;
import static io.orderflow.store.Attributes.instantOrNull;
import static io.orderflow.store.Attributes.mapOrNull;
import static io.orderflow.store.Attributes.maps;
import static io.orderflow.store.Attributes.money;
import static io.orderflow.store.Attributes.moneyOrNull;
import static io.orderflow.store.Attributes.n;
import static io.orderflow.store.Attributes.number;
import static io.orderflow.store.Attributes.putIfPresent;
import static io.orderflow.store.Attributes.required;
import static io.orderflow.store.Attributes.s;
import static io.orderflow.store.Attributes.sOrNull;
import static io.orderflow.store.Attributes.string;

import io.orderflow.order.Address;
import io.orderflow.order.LedgerEntry;
import io.orderflow.order.Order;
import io.orderflow.order.Order.AwaitedEvent;
import io.orderflow.order.Order.Invoice;
import io.orderflow.order.Order.PaymentMethod;
import io.orderflow.order.Order.ShippingSpeed;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Outgoing;
import io.orderflow.order.PaymentLedger;
import io.orderflow.order.Shipment;
import io.orderflow.order.Shipment.PackingSlip;
import io.orderflow.order.Shipment.PickItem;
import io.orderflow.order.StatusReason;
import io.orderflow.order.TimelineEvent;
import io.orderflow.platform.Json;
import io.orderflow.platform.Table;
import java.time.Duration;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps the order aggregate to the items of its partition {@code ORDER#<id>} in the Orders table
 * and back: the order itself ({@code sk=ORDER}), its timeline ({@code sk=EVENT#<ts>#<seq>}) and
 * its ledger entries ({@code sk=PAYMENT#<entryId>}).
 */
final class OrderItemMapper {

  static final String ORDER_SK = "ORDER";
  static final String EVENT_PREFIX = "EVENT#";
  static final String PAYMENT_PREFIX = "PAYMENT#";
  /** The order's outbox: what its changes send, relayed from the table's stream (see OutboxRelayHandler). */
  static final String OUTBOX_PREFIX = Table.OUTBOX_PREFIX;
  static final String OUTBOX_QUEUE = "queue";
  static final String OUTBOX_BODY = "body";
  /** Relayed messages stay this long for whoever investigates, then TTL removes them. */
  static final Duration OUTBOX_RETENTION = Duration.ofDays(7);

  // Index key attributes; only order items carry them, which keeps every index sparse.
  static final String CUSTOMER_ID = "customerId";
  static final String CREATED_AT = "createdAt";
  static final String TRACKING_NUMBER = "trackingNumber";
  static final String ORDER_STATUS = "orderStatus";
  static final String UPDATED_AT = "updatedAt";
  static final String VERSION = "version";

  private OrderItemMapper() {}

  static String partition(String orderId) {
    return "ORDER#" + orderId;
  }

  static Map<String, AttributeValue> key(String orderId, String sortKey) {
    return Map.of("pk", s(partition(orderId)), "sk", s(sortKey));
  }

  static Map<String, AttributeValue> orderItem(Order order) {
    Map<String, AttributeValue> item = new HashMap<>(key(order.orderId(), ORDER_SK));
    item.put("orderId", s(order.orderId()));
    item.put(CUSTOMER_ID, s(order.customerId()));
    item.put(ORDER_STATUS, s(order.status().name()));
    putIfPresent(item, "statusReason", sOrNull(order.statusReason()));
    item.put("lines", AttributeValue.fromL(order.lines().stream().map(OrderItemMapper::line).toList()));
    putIfPresent(item, "shippingAddress", address(order.shippingAddress()));
    if (order.paymentMethod() != null) {
      item.put("paymentMethod", map(
          "method", sOrNull(order.paymentMethod().method()), "token", sOrNull(order.paymentMethod().token())));
    }
    putIfPresent(item, "shippingSpeed", sOrNull(order.shippingSpeed()));
    if (order.invoice() != null) {
      item.put("invoice", map("title", sOrNull(order.invoice().title()), "taxId", sOrNull(order.invoice().taxId())));
    }
    // The ledger's entries are items of their own; the order keeps the ledger's currency.
    item.put("currency", s(order.ledger().currency().getCurrencyCode()));
    if (order.shipment() != null) {
      item.put("shipment", shipment(order.shipment()));
      putIfPresent(item, TRACKING_NUMBER, sOrNull(order.shipment().trackingNumber()));
    }
    putIfPresent(item, "eta", dateOrNull(order.eta()));
    putIfPresent(item, CREATED_AT, instantOrNull(order.createdAt()));
    putIfPresent(item, UPDATED_AT, instantOrNull(order.updatedAt()));
    putIfPresent(item, "deliveredAt", instantOrNull(order.deliveredAt()));
    if (order.awaiting() != null) {
      item.put("awaiting", map(
          "kind", s(order.awaiting().kind().name()), "taskToken", sOrNull(order.awaiting().taskToken())));
    }
    item.put(VERSION, n(order.version()));
    return item;
  }

  /** The order from its order item and its {@code PAYMENT#} items. */
  static Order order(Map<String, AttributeValue> item, List<Map<String, AttributeValue>> paymentItems) {
    Currency currency = Currency.getInstance(required(item, "currency"));
    PaymentLedger ledger = new PaymentLedger(currency, paymentItems.stream().map(OrderItemMapper::ledgerEntry).toList());
    Map<String, AttributeValue> method = mapOrNull(item, "paymentMethod");
    Map<String, AttributeValue> invoice = mapOrNull(item, "invoice");
    Map<String, AttributeValue> awaiting = mapOrNull(item, "awaiting");
    return new Order(
        required(item, "orderId"),
        required(item, CUSTOMER_ID),
        OrderStatus.valueOf(required(item, ORDER_STATUS)),
        enumOrNull(item, "statusReason", StatusReason.class),
        maps(item, "lines").stream().map(OrderItemMapper::line).toList(),
        address(mapOrNull(item, "shippingAddress")),
        method == null ? null : new PaymentMethod(string(method, "method"), string(method, "token")),
        enumOrNull(item, "shippingSpeed", ShippingSpeed.class),
        invoice == null ? null : new Invoice(string(invoice, "title"), string(invoice, "taxId")),
        ledger,
        shipment(mapOrNull(item, "shipment")),
        dateOrNull(item, "eta"),
        instantOrNull(item, CREATED_AT),
        instantOrNull(item, UPDATED_AT),
        instantOrNull(item, "deliveredAt"),
        awaiting == null
            ? null
            : new AwaitedEvent(AwaitedEvent.Kind.valueOf(required(awaiting, "kind")), string(awaiting, "taskToken")),
        number(item, VERSION));
  }

  /**
   * A timeline item. The sort key is the event time, then the order version that wrote it and the
   * event's place in that write: events of one write may share a timestamp, and so may two writes
   * under a frozen clock, but never a version.
   */
  static Map<String, AttributeValue> eventItem(String orderId, long version, int index, TimelineEvent event) {
    String sortKey = EVENT_PREFIX + Attributes.sortable(event.at()) + "#" + String.format("%012d.%03d", version, index);
    Map<String, AttributeValue> item = new HashMap<>(key(orderId, sortKey));
    item.put("at", instant(event.at()));
    item.put("type", s(event.type()));
    // Not "orderStatus": that attribute is the byStatus index key, reserved for order items.
    putIfPresent(item, "eventStatus", sOrNull(event.status()));
    item.put("detail", Attributes.plain(event.detail()));
    return item;
  }

  @SuppressWarnings("unchecked")
  static TimelineEvent event(Map<String, AttributeValue> item) {
    Object detail = item.containsKey("detail") ? Attributes.plain(item.get("detail")) : null;
    return new TimelineEvent(
        instantOrNull(item, "at"),
        required(item, "type"),
        enumOrNull(item, "eventStatus", OrderStatus.class),
        (Map<String, Object>) detail);
  }

  /** One message of the change that made {@code version}: its queue and its JSON body. */
  static Map<String, AttributeValue> outboxItem(Order order, int index, Outgoing outgoing) {
    String sortKey = OUTBOX_PREFIX + String.format("%012d.%03d", order.version(), index);
    Map<String, AttributeValue> item = new HashMap<>(key(order.orderId(), sortKey));
    item.put(OUTBOX_QUEUE, s(outgoing.queue().name()));
    item.put(OUTBOX_BODY, s(Json.write(outgoing.message())));
    item.put("expiresAt", n(order.updatedAt().plus(OUTBOX_RETENTION).getEpochSecond()));
    return item;
  }

  static Map<String, AttributeValue> paymentItem(String orderId, LedgerEntry entry) {
    Map<String, AttributeValue> item = new HashMap<>(key(orderId, PAYMENT_PREFIX + entry.entryId()));
    item.put("entryId", s(entry.entryId()));
    item.put("kind", s(entry.kind().name()));
    item.put("amount", money(entry.amount()));
    item.put("at", instant(entry.at()));
    item.put("requestId", s(entry.requestId()));
    putIfPresent(item, "reference", sOrNull(entry.reference()));
    return item;
  }

  static LedgerEntry ledgerEntry(Map<String, AttributeValue> item) {
    return new LedgerEntry(
        required(item, "entryId"),
        LedgerEntry.Kind.valueOf(required(item, "kind")),
        moneyOrNull(item, "amount"),
        instantOrNull(item, "at"),
        required(item, "requestId"),
        string(item, "reference"));
  }

  private static AttributeValue line(OrderLine line) {
    return map("sku", s(line.sku()), "quantity", n(line.quantity()), "unitPrice", moneyOrNull(line.unitPrice()));
  }

  private static OrderLine line(Map<String, AttributeValue> item) {
    return new OrderLine(required(item, "sku"), (int) number(item, "quantity"), moneyOrNull(item, "unitPrice"));
  }

  private static AttributeValue address(Address address) {
    if (address == null) {
      return null;
    }
    return map(
        "name", sOrNull(address.name()), "line1", sOrNull(address.line1()), "line2", sOrNull(address.line2()),
        "city", sOrNull(address.city()), "region", sOrNull(address.region()),
        "postalCode", sOrNull(address.postalCode()), "country", sOrNull(address.country()),
        "phone", sOrNull(address.phone()));
  }

  private static Address address(Map<String, AttributeValue> item) {
    if (item == null) {
      return null;
    }
    return new Address(
        string(item, "name"), string(item, "line1"), string(item, "line2"), string(item, "city"),
        string(item, "region"), string(item, "postalCode"), string(item, "country"), string(item, "phone"));
  }

  private static AttributeValue shipment(Shipment shipment) {
    List<AttributeValue> pickList = shipment.pickList().stream()
        .map(pick -> map(
            "sku", sOrNull(pick.sku()), "name", sOrNull(pick.name()),
            "quantity", n(pick.quantity()), "location", sOrNull(pick.location())))
        .toList();
    PackingSlip slip = shipment.packingSlip();
    AttributeValue packingSlip = slip == null
        ? null
        : map(
            "orderId", sOrNull(slip.orderId()), "shipTo", sOrNull(slip.shipTo()),
            "lines", AttributeValue.fromL(slip.lines().stream().map(Attributes::s).toList()));
    return map(
        "carrier", sOrNull(shipment.carrier()), "trackingNumber", sOrNull(shipment.trackingNumber()),
        "status", sOrNull(shipment.status()), "eta", dateOrNull(shipment.eta()),
        "pickList", AttributeValue.fromL(pickList), "packingSlip", packingSlip);
  }

  private static Shipment shipment(Map<String, AttributeValue> item) {
    if (item == null) {
      return null;
    }
    List<PickItem> pickList = maps(item, "pickList").stream()
        .map(pick -> new PickItem(
            string(pick, "sku"), string(pick, "name"), (int) number(pick, "quantity"), string(pick, "location")))
        .toList();
    Map<String, AttributeValue> slip = mapOrNull(item, "packingSlip");
    PackingSlip packingSlip = slip == null
        ? null
        : new PackingSlip(
            string(slip, "orderId"), string(slip, "shipTo"),
            slip.containsKey("lines") ? slip.get("lines").l().stream().map(AttributeValue::s).toList() : List.of());
    return new Shipment(
        string(item, "carrier"), string(item, "trackingNumber"), string(item, "status"),
        dateOrNull(item, "eta"), pickList, packingSlip);
  }

  /** A map attribute from name/value pairs, leaving out absent values. */
  private static AttributeValue map(Object... namesAndValues) {
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      putIfPresent(map, (String) namesAndValues[i], (AttributeValue) namesAndValues[i + 1]);
    }
    return AttributeValue.fromM(map);
  }
}

package io.orderflow.store;

import static io.orderflow.store.Attributes.enumOrNull;
import static io.orderflow.store.Attributes.instantOrNull;
import static io.orderflow.store.Attributes.mapOrNull;
import static io.orderflow.store.Attributes.maps;
import static io.orderflow.store.Attributes.moneyOrNull;
import static io.orderflow.store.Attributes.n;
import static io.orderflow.store.Attributes.number;
import static io.orderflow.store.Attributes.putIfPresent;
import static io.orderflow.store.Attributes.required;
import static io.orderflow.store.Attributes.s;
import static io.orderflow.store.Attributes.sOrNull;
import static io.orderflow.store.Attributes.string;

import io.orderflow.aftersales.returns.InspectedLine;
import io.orderflow.aftersales.returns.ProductReturn;
import io.orderflow.aftersales.returns.ProductReturn.AwaitedStep;
import io.orderflow.aftersales.returns.ProductReturn.HistoryEntry;
import io.orderflow.aftersales.returns.Resolution;
import io.orderflow.aftersales.returns.ReturnLine;
import io.orderflow.aftersales.returns.ReturnReason;
import io.orderflow.aftersales.returns.ReturnStatus;
import io.orderflow.aftersales.returns.ReturnedQuantities;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps returns to items of their order's partition in the Orders table: {@code sk=RETURN#<id>} per
 * return and {@code sk=RETURNED} for the tally of returned units. These items never carry {@code
 * customerId}, {@code trackingNumber} or {@code orderStatus}, the key attributes of the Orders
 * indexes, so they stay out of "my orders", carrier look-ups and ops queues.
 */
final class ReturnItemMapper {

  static final String RETURN_PREFIX = "RETURN#";
  static final String TALLY_SK = "RETURNED";

  private ReturnItemMapper() {}

  static Map<String, AttributeValue> key(String orderId, String returnId) {
    return OrderItemMapper.key(orderId, RETURN_PREFIX + returnId);
  }

  static Map<String, AttributeValue> tallyKey(String orderId) {
    return OrderItemMapper.key(orderId, TALLY_SK);
  }

  static Map<String, AttributeValue> returnItem(ProductReturn r) {
    Map<String, AttributeValue> item = new HashMap<>(key(r.orderId(), r.returnId()));
    item.put("returnId", s(r.returnId()));
    item.put("returnOrderId", s(r.orderId()));
    item.put("returnCustomerId", s(r.customerId()));
    item.put("returnStatus", s(r.status().name()));
    putIfPresent(item, "statusReason", sOrNull(r.statusReason()));
    item.put("lines", AttributeValue.fromL(r.lines().stream()
        .map(line -> AttributeValue.fromM(Map.of("sku", s(line.sku()), "quantity", n(line.quantity()))))
        .toList()));
    putIfPresent(item, "reason", sOrNull(r.reason()));
    putIfPresent(item, "resolution", sOrNull(r.resolution()));
    putIfPresent(item, "comment", sOrNull(r.comment()));
    putIfPresent(item, "rmaNumber", sOrNull(r.rmaNumber()));
    item.put("inspection", AttributeValue.fromL(r.inspection().stream()
        .map(line -> AttributeValue.fromM(Map.of(
            "sku", s(line.sku()), "quantity", n(line.quantity()), "condition", s(line.condition().name()))))
        .toList()));
    putIfPresent(item, "refund", Attributes.moneyOrNull(r.refund()));
    putIfPresent(item, "replacementOrderId", sOrNull(r.replacementOrderId()));
    putIfPresent(item, "ticketId", sOrNull(r.ticketId()));
    if (r.awaiting() != null) {
      item.put("awaiting", AttributeValue.fromM(Map.of(
          "kind", s(r.awaiting().kind().name()), "taskToken", s(r.awaiting().taskToken()))));
    }
    item.put("history", AttributeValue.fromL(r.history().stream().map(ReturnItemMapper::historyEntry).toList()));
    putIfPresent(item, "requestedAt", Attributes.instantOrNull(r.requestedAt()));
    putIfPresent(item, "returnUpdatedAt", Attributes.instantOrNull(r.updatedAt()));
    item.put(ConditionalWrites.VERSION, n(r.version()));
    return item;
  }

  static ProductReturn productReturn(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> awaiting = mapOrNull(item, "awaiting");
    return new ProductReturn(
        required(item, "returnId"),
        required(item, "returnOrderId"),
        required(item, "returnCustomerId"),
        ReturnStatus.valueOf(required(item, "returnStatus")),
        string(item, "statusReason"),
        maps(item, "lines").stream()
            .map(line -> new ReturnLine(required(line, "sku"), (int) number(line, "quantity")))
            .toList(),
        enumOrNull(item, "reason", ReturnReason.class),
        enumOrNull(item, "resolution", Resolution.class),
        string(item, "comment"),
        string(item, "rmaNumber"),
        maps(item, "inspection").stream()
            .map(line -> new InspectedLine(required(line, "sku"), (int) number(line, "quantity"),
                InspectedLine.Condition.valueOf(required(line, "condition"))))
            .toList(),
        moneyOrNull(item, "refund"),
        string(item, "replacementOrderId"),
        string(item, "ticketId"),
        awaiting == null ? null : new AwaitedStep(
            AwaitedStep.Kind.valueOf(required(awaiting, "kind")), string(awaiting, "taskToken")),
        maps(item, "history").stream().map(ReturnItemMapper::historyEntry).toList(),
        instantOrNull(item, "requestedAt"),
        instantOrNull(item, "returnUpdatedAt"),
        number(item, ConditionalWrites.VERSION));
  }

  static Map<String, AttributeValue> tallyItem(ReturnedQuantities tally) {
    Map<String, AttributeValue> item = new HashMap<>(tallyKey(tally.orderId()));
    Map<String, AttributeValue> bySku = new LinkedHashMap<>();
    tally.bySku().forEach((sku, quantity) -> bySku.put(sku, n(quantity)));
    item.put("bySku", AttributeValue.fromM(bySku));
    item.put(ConditionalWrites.VERSION, n(tally.version()));
    return item;
  }

  static ReturnedQuantities tally(String orderId, Map<String, AttributeValue> item) {
    Map<String, Integer> bySku = new LinkedHashMap<>();
    Map<String, AttributeValue> stored = mapOrNull(item, "bySku");
    if (stored != null) {
      stored.forEach((sku, quantity) -> bySku.put(sku, Integer.parseInt(quantity.n())));
    }
    return new ReturnedQuantities(orderId, bySku, number(item, ConditionalWrites.VERSION));
  }

  private static AttributeValue historyEntry(HistoryEntry entry) {
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    map.put("at", Attributes.instant(entry.at()));
    map.put("status", s(entry.status().name()));
    putIfPresent(map, "reason", sOrNull(entry.reason()));
    map.put("detail", Attributes.plain(entry.detail()));
    return AttributeValue.fromM(map);
  }

  @SuppressWarnings("unchecked")
  private static HistoryEntry historyEntry(Map<String, AttributeValue> map) {
    Object detail = map.containsKey("detail") ? Attributes.plain(map.get("detail")) : null;
    return new HistoryEntry(instantOrNull(map, "at"), ReturnStatus.valueOf(required(map, "status")),
        string(map, "reason"), (Map<String, Object>) detail);
  }
}

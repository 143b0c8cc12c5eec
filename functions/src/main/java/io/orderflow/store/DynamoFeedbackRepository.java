package io.orderflow.store;

import static io.orderflow.store.Attributes.instantOrNull;
import static io.orderflow.store.Attributes.n;
import static io.orderflow.store.Attributes.number;
import static io.orderflow.store.Attributes.putIfPresent;
import static io.orderflow.store.Attributes.required;
import static io.orderflow.store.Attributes.s;
import static io.orderflow.store.Attributes.sOrNull;
import static io.orderflow.store.Attributes.string;

import io.orderflow.aftersales.feedback.Feedback;
import io.orderflow.aftersales.feedback.FeedbackRepository;
import io.orderflow.aftersales.feedback.SatisfactionReport.Tally;
import io.orderflow.order.OrderRepository.ConcurrentModification;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Ratings in the Aftersales table: {@code pk=ORDER#<id>, sk=FEEDBACK}, at most one per order, and
 * the running tally {@code pk=REPORT#SATISFACTION, sk=TALLY} counted in the same transaction. The
 * tally keeps flat top-level counters ({@code rating#4}, {@code sku#SKU-1#count}, …) because
 * DynamoDB's ADD works on top-level attributes only. Every rating writes this one item, which is
 * fine at the pace customers rate orders (far below DynamoDB's per-item write limit).
 */
public final class DynamoFeedbackRepository implements FeedbackRepository {

  private static final Map<String, AttributeValue> TALLY_KEY =
      Map.of("pk", s("REPORT#SATISFACTION"), "sk", s("TALLY"));
  private static final String RATING_PREFIX = "rating#";
  private static final String SKU_PREFIX = "sku#";
  private static final String COUNT_SUFFIX = "#count";
  private static final String SUM_SUFFIX = "#sum";

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoFeedbackRepository(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public boolean add(Feedback feedback) {
    Put put = Put.builder().tableName(table).item(item(feedback)).conditionExpression(ConditionalWrites.NOT_EXISTS).build();
    try {
      ConditionalWrites.transact(dynamo, List.of(TransactWriteItem.builder().put(put).build(), count(feedback)),
          feedback.orderId());
      return true;
    } catch (ConcurrentModification e) {
      // The only condition is on the rating: the order was rated already, and nothing was stored.
      if (find(feedback.orderId()).isPresent()) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public Optional<Feedback> find(String orderId) {
    Map<String, AttributeValue> item =
        dynamo.getItem(b -> b.tableName(table).key(key(orderId)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(feedback(item));
  }

  @Override
  public Tally tally() {
    Map<String, AttributeValue> item =
        dynamo.getItem(b -> b.tableName(table).key(TALLY_KEY).consistentRead(true)).item();
    if (item == null || item.isEmpty()) {
      return Tally.empty();
    }
    Map<Integer, Long> byRating = new LinkedHashMap<>();
    Map<String, long[]> bySku = new LinkedHashMap<>();
    item.forEach((name, value) -> {
      if (name.startsWith(RATING_PREFIX)) {
        byRating.put(Integer.parseInt(name.substring(RATING_PREFIX.length())), Long.parseLong(value.n()));
      } else if (name.startsWith(SKU_PREFIX) && name.endsWith(COUNT_SUFFIX)) {
        skuTally(bySku, name, COUNT_SUFFIX)[0] = Long.parseLong(value.n());
      } else if (name.startsWith(SKU_PREFIX) && name.endsWith(SUM_SUFFIX)) {
        skuTally(bySku, name, SUM_SUFFIX)[1] = Long.parseLong(value.n());
      }
    });
    return new Tally(number(item, "ratings"), number(item, "ratingSum"), byRating, bySku);
  }

  /** Adds one rating to every counter it belongs to; ADD creates a counter at zero the first time. */
  private TransactWriteItem count(Feedback feedback) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":one", n(1));
    values.put(":rating", n(feedback.rating()));
    names.put("#r", RATING_PREFIX + feedback.rating());
    StringBuilder expression = new StringBuilder("ADD ratings :one, ratingSum :rating, #r :one");
    List<String> skus = feedback.skus();
    for (int i = 0; i < skus.size(); i++) {
      names.put("#c" + i, SKU_PREFIX + skus.get(i) + COUNT_SUFFIX);
      names.put("#s" + i, SKU_PREFIX + skus.get(i) + SUM_SUFFIX);
      expression.append(", #c").append(i).append(" :one, #s").append(i).append(" :rating");
    }
    return TransactWriteItem.builder().update(Update.builder()
        .tableName(table)
        .key(TALLY_KEY)
        .updateExpression(expression.toString())
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .build()).build();
  }

  private static long[] skuTally(Map<String, long[]> bySku, String name, String suffix) {
    String sku = name.substring(SKU_PREFIX.length(), name.length() - suffix.length());
    return bySku.computeIfAbsent(sku, s -> new long[2]);
  }

  private static Map<String, AttributeValue> key(String orderId) {
    return Map.of("pk", s(OrderItemMapper.partition(orderId)), "sk", s("FEEDBACK"));
  }

  private static Map<String, AttributeValue> item(Feedback feedback) {
    Map<String, AttributeValue> item = new HashMap<>(key(feedback.orderId()));
    item.put("feedbackOrderId", s(feedback.orderId()));
    item.put("feedbackCustomerId", s(feedback.customerId()));
    item.put("rating", n(feedback.rating()));
    putIfPresent(item, "comment", sOrNull(feedback.comment()));
    item.put("skus", AttributeValue.fromL(feedback.skus().stream().map(Attributes::s).toList()));
    putIfPresent(item, "at", Attributes.instantOrNull(feedback.at()));
    return item;
  }

  private static Feedback feedback(Map<String, AttributeValue> item) {
    List<String> skus = item.containsKey("skus") ? item.get("skus").l().stream().map(AttributeValue::s).toList() : List.of();
    return new Feedback(required(item, "feedbackOrderId"), required(item, "feedbackCustomerId"),
        (int) number(item, "rating"), string(item, "comment"), skus, instantOrNull(item, "at"));
  }
}

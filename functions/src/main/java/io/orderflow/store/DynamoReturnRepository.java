package io.orderflow.store;

import static io.orderflow.store.Attributes.s;

import io.orderflow.aftersales.returns.ProductReturn;
import io.orderflow.aftersales.returns.ReturnIds;
import io.orderflow.aftersales.returns.ReturnRepository;
import io.orderflow.aftersales.returns.ReturnedQuantities;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Returns in their order's partition of the Orders table (see {@link ReturnItemMapper}). A new
 * return and the order's tally of returned units are written in one transaction conditional on the
 * tally's version, so racing requests can never together return more than was delivered: DynamoDB
 * lets exactly one of them through and the others re-check against the winner's tally.
 */
public final class DynamoReturnRepository implements ReturnRepository {

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoReturnRepository(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public ReturnedQuantities returnedQuantities(String orderId) {
    Map<String, AttributeValue> item =
        dynamo.getItem(b -> b.tableName(table).key(ReturnItemMapper.tallyKey(orderId)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? ReturnedQuantities.none(orderId) : ReturnItemMapper.tally(orderId, item);
  }

  @Override
  public void create(ProductReturn created, ReturnedQuantities tallyAfter) {
    ConditionalWrites.transact(dynamo, List.of(
        ConditionalWrites.versioned(table, ReturnItemMapper.returnItem(created), 0),
        ConditionalWrites.versioned(table, ReturnItemMapper.tallyItem(tallyAfter), tallyAfter.version() - 1)),
        created.orderId());
  }

  /** The order id is part of the return id, so this is one strongly consistent read of one item. */
  @Override
  public Optional<ProductReturn> find(String returnId) {
    return ReturnIds.orderIdOf(returnId).flatMap(orderId -> {
      Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
          .key(ReturnItemMapper.key(orderId, returnId))
          .consistentRead(true)).item();
      return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ReturnItemMapper.productReturn(item));
    });
  }

  @Override
  public List<ProductReturn> findByOrder(String orderId) {
    QueryRequest request = QueryRequest.builder()
        .tableName(table)
        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
        .expressionAttributeValues(Map.of(
            ":pk", s(OrderItemMapper.partition(orderId)), ":prefix", s(ReturnItemMapper.RETURN_PREFIX)))
        .consistentRead(true)
        .build();
    // Sort keys put "-R10" before "-R9": order by request time, then by the id's sequence number.
    return dynamo.queryPaginator(request).items().stream()
        .map(ReturnItemMapper::productReturn)
        .sorted(Comparator.comparing(ProductReturn::requestedAt)
            .thenComparingInt((ProductReturn r) -> r.returnId().length())
            .thenComparing(ProductReturn::returnId))
        .toList();
  }

  @Override
  public void update(ProductReturn updated) {
    ConditionalWrites.put(dynamo, table, ReturnItemMapper.returnItem(updated), updated.version() - 1, updated.orderId());
  }

  @Override
  public void update(ProductReturn updated, ReturnedQuantities tallyAfter) {
    ConditionalWrites.transact(dynamo, List.of(
        ConditionalWrites.versioned(table, ReturnItemMapper.returnItem(updated), updated.version() - 1),
        ConditionalWrites.versioned(table, ReturnItemMapper.tallyItem(tallyAfter), tallyAfter.version() - 1)),
        updated.orderId());
  }
}

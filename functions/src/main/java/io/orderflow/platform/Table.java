package io.orderflow.platform;

import java.util.List;
import java.util.Optional;

/** The DynamoDB tables. Keys are strings with typed prefixes ({@code ORDER#…}, {@code SKU#…}). */
public enum Table {
  /**
   * Streams its changes: the relay sends what each order change put in its outbox. Only outbox
   * items carry {@code expiresAt}.
   */
  ORDERS(
      "Orders",
      "ORDERS_TABLE",
      "expiresAt",
      List.of(
          new Index("byCustomer", "customerId", "createdAt"),
          new Index("byTracking", "trackingNumber", null),
          // Sparse: only order items carry orderStatus, so timeline and ledger rows stay out.
          new Index("byStatus", "orderStatus", "updatedAt")),
      true),
  /** Streams its changes: DynamoDB's TTL deletions of reservations give stock back to sale. */
  INVENTORY("Inventory", "INVENTORY_TABLE", "expiresAt", List.of(), true),
  CATALOG("Catalog", "CATALOG_TABLE", null, List.of()),
  IDEMPOTENCY("Idempotency", "IDEMPOTENCY_TABLE", "expiresAt", List.of()),
  /**
   * Tickets with their agents' load counters, and ratings with the satisfaction tally. Neither is
   * ever written in one transaction with an order, so they stay out of the Orders table and its
   * indexes; returns, whose tally guards the order's delivered units, live in the Orders table.
   */
  AFTERSALES("Aftersales", "AFTERSALES_TABLE", null, List.of());

  /** Every table has this string partition key and sort key. */
  public static final String PARTITION_KEY = "pk";

  public static final String SORT_KEY = "sk";

  /** Sort keys of a SKU's reservations in {@link #INVENTORY}; its stream consumer picks them out. */
  public static final String RESERVATION_PREFIX = "RESERVATION#";

  /** Sort keys of an order's outbox items in {@link #ORDERS}; the outbox relay picks them out. */
  public static final String OUTBOX_PREFIX = "OUTBOX#";

  private final String logicalName;
  private final String environmentVariable;
  private final String ttlAttribute;
  private final List<Index> indexes;
  private final boolean streamed;

  Table(String logicalName, String environmentVariable, String ttlAttribute, List<Index> indexes) {
    this(logicalName, environmentVariable, ttlAttribute, indexes, false);
  }

  Table(
      String logicalName, String environmentVariable, String ttlAttribute, List<Index> indexes, boolean streamed) {
    this.logicalName = logicalName;
    this.environmentVariable = environmentVariable;
    this.ttlAttribute = ttlAttribute;
    this.indexes = indexes;
    this.streamed = streamed;
  }

  /** CDK construct id and the suffix of the local table name. */
  public String logicalName() {
    return logicalName;
  }

  /** The table name locally; on AWS CloudFormation names it and passes it in the environment. */
  public String localName() {
    return "orderflow-" + logicalName.toLowerCase();
  }

  /** The environment variable through which handlers learn the table name. */
  public String environmentVariable() {
    return environmentVariable;
  }

  public Optional<String> ttlAttribute() {
    return Optional.ofNullable(ttlAttribute);
  }

  public List<Index> indexes() {
    return indexes;
  }

  /** Whether the table has a DynamoDB stream carrying each changed item's old and new image. */
  public boolean streamed() {
    return streamed;
  }

  /** The ASL placeholder for this table's name, e.g. {@code OrdersTableName}. */
  public String placeholder() {
    return logicalName + "TableName";
  }

  /** A global secondary index projecting all attributes; {@code sortKey} may be null. */
  public record Index(String name, String partitionKey, String sortKey) {}
}

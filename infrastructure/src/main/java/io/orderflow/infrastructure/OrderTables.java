package io.orderflow.infrastructure;

import io.orderflow.platform.Table;
import java.util.EnumMap;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.constructs.Construct;

/**
 * Every table of {@link Table}: on demand (orders arrive in peaks), point-in-time recovery,
 * encrypted with the AWS managed key, TTL where the catalog names one, and its GSIs.
 */
public final class OrderTables extends Construct {

  public record Props(RemovalPolicy removalPolicy) {}

  private final Map<Table, ITable> tables = new EnumMap<>(Table.class);

  public OrderTables(Construct scope, String id, Props props) {
    super(scope, id);
    for (Table spec : Table.values()) {
      tables.put(spec, create(spec, props));
    }
  }

  public ITable table(Table spec) {
    return tables.get(spec);
  }

  private software.amazon.awscdk.services.dynamodb.Table create(Table spec, Props props) {
    var table =
        software.amazon.awscdk.services.dynamodb.Table.Builder.create(this, spec.logicalName())
            .partitionKey(key(Table.PARTITION_KEY))
            .sortKey(key(Table.SORT_KEY))
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .encryption(TableEncryption.AWS_MANAGED)
            .pointInTimeRecoverySpecification(
                PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
            .timeToLiveAttribute(spec.ttlAttribute().orElse(null))
            .stream(spec.streamed() ? StreamViewType.NEW_AND_OLD_IMAGES : null)
            .removalPolicy(props.removalPolicy())
            .build();
    for (Table.Index index : spec.indexes()) {
      table.addGlobalSecondaryIndex(
          GlobalSecondaryIndexProps.builder()
              .indexName(index.name())
              .partitionKey(key(index.partitionKey()))
              .sortKey(index.sortKey() == null ? null : key(index.sortKey()))
              .projectionType(ProjectionType.ALL)
              .build());
    }
    return table;
  }

  private static Attribute key(String name) {
    return Attribute.builder().name(name).type(AttributeType.STRING).build();
  }
}

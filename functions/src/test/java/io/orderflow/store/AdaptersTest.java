package io.orderflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.order.CatalogItem;
import io.orderflow.order.Money;
import io.orderflow.platform.Queue;
import io.orderflow.platform.Table;
import io.orderflow.platform.Workflow;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAws.Extension.class)
class AdaptersTest {

  private final LocalAws aws;

  AdaptersTest(LocalAws aws) {
    this.aws = aws;
  }

  @Test
  void findsItsEndpointsThroughTheSdksOwnConfiguration() {
    // The system-property twins of AWS_ENDPOINT_URL_DYNAMODB / _SQS and the default credential
    // chain's variables: Adapters configures no endpoint, the SDK clients find these themselves.
    Map<String, String> properties = Map.of(
        "aws.endpointUrlDynamoDb", aws.dynamoServer.endpoint().toString(),
        "aws.endpointUrlSqs", aws.sqsServer.endpoint().toString(),
        "aws.accessKeyId", "local",
        "aws.secretAccessKey", "local");
    Map<String, String> previous = new HashMap<>();
    properties.forEach((name, value) -> previous.put(name, System.setProperty(name, value)));
    try {
      Map<String, String> environment = new HashMap<>(aws.names.toEnvironment());
      environment.put("AWS_REGION", "us-east-1");
      Adapters adapters = Adapters.fromEnvironment(environment);

      CatalogItem item = new CatalogItem("SKU-" + UUID.randomUUID(), "Mug", Money.of("29.90", "USD"), true);
      adapters.catalog().put(item);
      adapters.queues().publish(Queue.AFTERSALES_TICKETS, Map.of("sku", item.sku()));

      assertThat(aws.adapters().catalog().find(item.sku())).contains(item);
      assertThat(adapters.clock().instant()).isNotNull();
    } finally {
      previous.forEach((name, value) -> {
        if (value == null) {
          System.clearProperty(name);
        } else {
          System.setProperty(name, value);
        }
      });
    }
  }

  @Test
  void aMissingSettingFailsNamingTheVariable() {
    assertThatThrownBy(() -> Adapters.fromEnvironment(Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AWS_REGION");

    Adapters withoutResources = Adapters.fromEnvironment(Map.of("AWS_REGION", "us-east-1"));
    assertThatThrownBy(withoutResources::orders).hasMessageContaining("ORDERS_TABLE");
    assertThatThrownBy(withoutResources::inventory).hasMessageContaining("INVENTORY_TABLE");
    assertThatThrownBy(withoutResources::workflowStarter).hasMessageContaining("ORDER_FULFILLMENT_STATE_MACHINE_ARN");
    assertThatThrownBy(() -> withoutResources.queues().publish(Queue.NOTIFICATIONS, Map.of()))
        .hasMessageContaining("NOTIFICATIONS_QUEUE_URL");
  }

  @Test
  void resourceNamesTravelThroughTheEnvironment() {
    ResourceNames names = aws.names.withStateMachine(Workflow.ORDER_FULFILLMENT, "arn:aws:states:us-east-1:0:stateMachine:x");
    Map<String, String> environment = new LinkedHashMap<>(names.toEnvironment());
    environment.put("UNRELATED", "value");

    assertThat(ResourceNames.fromEnvironment(environment)).isEqualTo(names);
    assertThat(environment).containsEntry("ORDERS_TABLE", "orderflow-orders");
    assertThat(ResourceNames.fromEnvironment(Map.of(Table.CATALOG.environmentVariable(), "  ")).tableNames()).isEmpty();
  }
}

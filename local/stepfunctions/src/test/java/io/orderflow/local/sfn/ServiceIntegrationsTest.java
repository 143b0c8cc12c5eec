package io.orderflow.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.embedded.EmbeddedDynamoDb;
import io.orderflow.local.embedded.EmbeddedSqs;
import io.orderflow.local.sfn.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** sqs:sendMessage(.waitForTaskToken) against ElasticMQ and dynamodb:* against DynamoDB Local. */
class ServiceIntegrationsTest {

  private static EmbeddedSqs sqsServer;
  private static EmbeddedDynamoDb dynamoServer;
  private static SqsClient sqs;
  private static DynamoDbClient dynamo;
  private static StepFunctionsEngine engine;

  @BeforeAll
  static void start() {
    sqsServer = EmbeddedSqs.start(0);
    dynamoServer = EmbeddedDynamoDb.start(0);
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    sqs = SqsClient.builder().endpointOverride(sqsServer.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.create()).build();
    dynamo = DynamoDbClient.builder().endpointOverride(dynamoServer.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.create()).build();
    dynamo.createTable(b -> b.tableName("Inventory").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
    engine = StepFunctionsEngine.builder().sqsClient(sqs).dynamoDbEndpoint(dynamoServer.endpoint()).build();
  }

  @AfterAll
  static void stop() {
    engine.close();
    sqs.close();
    dynamo.close();
    sqsServer.close();
    dynamoServer.close();
  }

  private static ExecutionDescription run(String name, String definition, String input) {
    String machine = engine.createStateMachine(name, definition);
    String arn = engine.startExecution(machine, null, input).executionArn();
    await().atMost(Duration.ofSeconds(20)).until(() -> engine.describeExecution(arn).status() != ExecutionStatus.RUNNING);
    return engine.describeExecution(arn);
  }

  private static List<Message> receive(String queueUrl) {
    return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).messageAttributeNames("All").waitTimeSeconds(1)).messages();
  }

  @Test
  void sendMessageSerialisesAJsonBodyAndReturnsTheMessageId() {
    String queueUrl = sqs.createQueue(b -> b.queueName("notifications")).queueUrl();
    String definition = DefinitionSubstitutions.apply("""
        {"StartAt":"Notify","States":{"Notify":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage",
          "Parameters":{"QueueUrl":"${NotificationsQueueUrl}","MessageBody":{"orderId.$":"$.orderId","kind":"CONFIRMED"},
             "MessageAttributes":{"kind":{"DataType":"String","StringValue":"CONFIRMED"}}},
          "ResultSelector":{"id.$":"$.MessageId","md5.$":"$.MD5OfMessageBody"},"End":true}}}""",
        Map.of("NotificationsQueueUrl", queueUrl));
    ExecutionDescription d = run("notify", definition, "{\"orderId\":\"o-1\"}");
    assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    List<Message> messages = receive(queueUrl);
    assertThat(messages).hasSize(1);
    assertThat(Json.parse(messages.get(0).body())).isEqualTo(Json.parse("{\"orderId\":\"o-1\",\"kind\":\"CONFIRMED\"}"));
    assertThat(messages.get(0).messageAttributes().get("kind").stringValue()).isEqualTo("CONFIRMED");
    JsonNode output = Json.parse(d.output());
    assertThat(output.get("id").asText()).isEqualTo(messages.get(0).messageId());
    assertThat(output.get("md5").asText()).isEqualTo(messages.get(0).md5OfBody());
  }

  @Test
  void sendMessageWaitForTaskTokenWaitsForTheConsumerCallback() {
    String queueUrl = sqs.createQueue(b -> b.queueName("carrier-requests")).queueUrl();
    String machine = engine.createStateMachine("dispatch", """
        {"StartAt":"Dispatch","States":{"Dispatch":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters":{"QueueUrl":"%s","MessageBody":{"token.$":"$$.Task.Token","orderId.$":"$.orderId"}},
          "ResultPath":"$.shipment","End":true}}}""".formatted(queueUrl));
    String arn = engine.startExecution(machine, "o-2", "{\"orderId\":\"o-2\"}").executionArn();
    List<Message> messages = await().until(() -> receive(queueUrl), m -> !m.isEmpty());
    JsonNode request = Json.parse(messages.get(0).body());
    assertThat(request.get("orderId").asText()).isEqualTo("o-2");
    assertThat(engine.describeExecution(arn).status()).isEqualTo(ExecutionStatus.RUNNING);

    engine.sendTaskSuccess(request.get("token").asText(), "{\"trackingNumber\":\"TRK-9\"}");
    await().until(() -> engine.describeExecution(arn).status() == ExecutionStatus.SUCCEEDED);
    assertThat(Json.parse(engine.describeExecution(arn).output()).at("/shipment/trackingNumber").asText()).isEqualTo("TRK-9");
    HistoryEvent submitted = engine.getExecutionHistory(arn).stream().filter(e -> e.type().equals("TaskSubmitted")).findFirst().orElseThrow();
    assertThat(submitted.details().get("resource").asText()).isEqualTo("sendMessage.waitForTaskToken");
    assertThat(Json.parse(submitted.details().get("output").asText()).has("MessageId")).isTrue();
  }

  @Test
  void sendMessageToAMissingQueueFailsTheTaskWithAnSqsError() {
    ExecutionDescription d = run("missing-queue", """
        {"StartAt":"N","States":{"N":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage",
          "Parameters":{"QueueUrl":"%s/000000000000/nope","MessageBody":"x"},"End":true}}}""".formatted(sqsServer.endpoint()), "{}");
    assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(d.error()).startsWith("SQS.");
  }

  @Test
  void dynamoDbPutGetUpdateAndDeleteItemWithConditionFailuresAsCatchableErrors() {
    String definition = """
        {"StartAt":"Put","States":{
          "Put":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","ResultPath":null,"Next":"Reserve",
            "Parameters":{"TableName":"Inventory","Item":{"pk":{"S.$":"States.Format('SKU#{}', $.sku)"},"available":{"N":"2"}}}},
          "Reserve":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:updateItem","ResultPath":"$.update","Next":"Get",
            "Parameters":{"TableName":"Inventory","Key":{"pk":{"S.$":"States.Format('SKU#{}', $.sku)"}},
              "UpdateExpression":"SET available = available - :q","ConditionExpression":"available >= :q",
              "ExpressionAttributeValues":{":q":{"N.$":"States.JsonToString($.qty)"}},"ReturnValues":"UPDATED_NEW"},
            "Catch":[{"ErrorEquals":["DynamoDB.ConditionalCheckFailedException"],"ResultPath":"$.error","Next":"OutOfStock"}]},
          "Get":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem","ResultSelector":{"available.$":"$.Item.available.N"},
            "ResultPath":"$.stock","Next":"Delete",
            "Parameters":{"TableName":"Inventory","Key":{"pk":{"S.$":"States.Format('SKU#{}', $.sku)"}},"ConsistentRead":true}},
          "Delete":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:deleteItem","ResultPath":null,"End":true,
            "Parameters":{"TableName":"Inventory","Key":{"pk":{"S.$":"States.Format('SKU#{}', $.sku)"}}}},
          "OutOfStock":{"Type":"Pass","End":true}}}""";
    ExecutionDescription ok = run("inventory", definition, "{\"sku\":\"A\",\"qty\":2}");
    assertThat(ok.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = Json.parse(ok.output());
    assertThat(output.at("/update/Attributes/available/N").asText()).isEqualTo("0");
    assertThat(output.at("/update/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
    assertThat(output.at("/stock/available").asText()).isEqualTo("0");
    assertThat(dynamo.getItem(b -> b.tableName("Inventory").key(Map.of("pk", AttributeValue.fromS("SKU#A")))).hasItem()).isFalse();

    String machine = engine.describeStateMachine("arn:aws:states:us-east-1:000000000000:stateMachine:inventory").stateMachineArn();
    String arn = engine.startExecution(machine, "too-many", "{\"sku\":\"B\",\"qty\":3}").executionArn();
    await().until(() -> engine.describeExecution(arn).status() != ExecutionStatus.RUNNING);
    JsonNode error = Json.parse(engine.describeExecution(arn).output()).get("error");
    assertThat(error.get("Error").asText()).isEqualTo("DynamoDB.ConditionalCheckFailedException");
    assertThat(error.get("Cause").asText()).contains("The conditional request failed");
  }

  @Test
  void dynamoDbUnknownTableIsResourceNotFound() {
    ExecutionDescription d = run("no-table", """
        {"StartAt":"G","States":{"G":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem",
          "Parameters":{"TableName":"Nope","Key":{"pk":{"S":"x"}}},"End":true}}}""", "{}");
    assertThat(d.error()).isEqualTo("DynamoDB.ResourceNotFoundException");
  }
}

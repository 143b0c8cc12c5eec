package io.orderflow.local.sfn.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.runtime.StatesError;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** {@code arn:aws:states:::sqs:sendMessage[.waitForTaskToken]} through an SqsClient. */
final class SqsTasks {

  private final SqsClient sqs;
  private final Executor executor;

  SqsTasks(SqsClient sqs, Executor executor) {
    this.sqs = sqs;
    this.executor = executor;
  }

  TaskResource sendMessage(boolean waitForTaskToken) {
    return new TaskResource() {
      public String resourceType() {
        return "sqs";
      }

      public String resourceName() {
        return waitForTaskToken ? "sendMessage.waitForTaskToken" : "sendMessage";
      }

      public boolean waitsForTaskToken() {
        return waitForTaskToken;
      }

      public CompletableFuture<JsonNode> call(JsonNode parameters) {
        return CompletableFuture.supplyAsync(() -> send(parameters), executor);
      }
    };
  }

  private JsonNode send(JsonNode parameters) {
    if (sqs == null) {
      throw new StatesError("SQS.SdkClientException", "The local engine was created without an SqsClient");
    }
    SendMessageRequest.Builder request = SendMessageRequest.builder();
    request.queueUrl(required(parameters, "QueueUrl"));
    JsonNode body = parameters.get("MessageBody");
    if (body == null) {
      throw new StatesError("SQS.AmazonSQSException", "The request must contain the parameter MessageBody.");
    }
    // A JSON value as MessageBody is sent as its JSON text, as the service integration does.
    request.messageBody(body.isTextual() ? body.textValue() : Json.write(body));
    if (parameters.has("DelaySeconds")) {
      request.delaySeconds(parameters.get("DelaySeconds").asInt());
    }
    if (parameters.has("MessageGroupId")) {
      request.messageGroupId(parameters.get("MessageGroupId").asText());
    }
    if (parameters.has("MessageDeduplicationId")) {
      request.messageDeduplicationId(parameters.get("MessageDeduplicationId").asText());
    }
    if (parameters.has("MessageAttributes")) {
      request.messageAttributes(attributes(parameters.get("MessageAttributes")));
    }
    SendMessageResponse response;
    try {
      response = sqs.sendMessage(request.build());
    } catch (SqsException e) {
      String simple = e.getClass().getSimpleName();
      String code = simple.equals("SqsException") ? "AmazonSQSException" : simple;
      throw new StatesError("SQS." + code, e.awsErrorDetails() == null ? e.getMessage()
          : e.awsErrorDetails().errorMessage() + " (Service: Sqs, Status Code: " + e.statusCode() + ", Request ID: " + e.requestId() + ")");
    } catch (SdkClientException e) {
      throw new StatesError("SQS.SdkClientException", e.getMessage());
    }
    String requestId = response.responseMetadata().requestId();
    ObjectNode result = Json.object();
    result.put("MD5OfMessageBody", response.md5OfMessageBody());
    if (response.md5OfMessageAttributes() != null) {
      result.put("MD5OfMessageAttributes", response.md5OfMessageAttributes());
    }
    result.put("MessageId", response.messageId());
    if (response.sequenceNumber() != null) {
      result.put("SequenceNumber", response.sequenceNumber());
    }
    result.set("SdkHttpMetadata", Metadata.http(requestId));
    result.set("SdkResponseMetadata", Metadata.response(requestId));
    return result;
  }

  private static Map<String, MessageAttributeValue> attributes(JsonNode node) {
    Map<String, MessageAttributeValue> out = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      MessageAttributeValue.Builder attribute = MessageAttributeValue.builder().dataType(value.path("DataType").asText("String"));
      if (value.has("StringValue")) {
        attribute.stringValue(value.get("StringValue").asText());
      }
      if (value.has("BinaryValue")) {
        attribute.binaryValue(SdkBytes.fromByteArray(Base64.getDecoder().decode(value.get("BinaryValue").asText())));
      }
      out.put(field.getKey(), attribute.build());
    }
    return out;
  }

  private static String required(JsonNode parameters, String field) {
    JsonNode value = parameters.get(field);
    if (value == null || !value.isTextual()) {
      throw new StatesError("SQS.AmazonSQSException", "The request must contain the parameter " + field + ".");
    }
    return value.textValue();
  }
}

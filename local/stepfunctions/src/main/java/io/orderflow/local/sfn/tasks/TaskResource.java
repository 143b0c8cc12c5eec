package io.orderflow.local.sfn.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;

/**
 * What a Task state's Resource does. The call completes with the task result, or exceptionally
 * with a {@link io.orderflow.local.sfn.runtime.StatesError} named as AWS names the service's
 * errors (e.g. {@code DynamoDB.ConditionalCheckFailedException}).
 */
public interface TaskResource {

  /** {@code resourceType} in history events: "lambda", "sqs", "dynamodb". */
  String resourceType();

  /** {@code resource} in history events: "invoke", "sendMessage.waitForTaskToken", ... */
  String resourceName();

  /** For {@code .waitForTaskToken}: the call only submits; the result comes from SendTaskSuccess. */
  default boolean waitsForTaskToken() {
    return false;
  }

  /** A bare Lambda function ARN: history uses LambdaFunctionScheduled/Started/Succeeded/... events. */
  default boolean reportsAsLambdaFunction() {
    return false;
  }

  CompletableFuture<JsonNode> call(JsonNode parameters);
}

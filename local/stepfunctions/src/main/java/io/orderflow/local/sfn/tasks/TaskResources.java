package io.orderflow.local.sfn.tasks;

import io.orderflow.local.sfn.LambdaInvoker;
import java.net.URI;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Maps a Task state's Resource ARN to what runs it; null for a resource the engine does not support. */
public final class TaskResources {

  private static final Pattern FUNCTION_ARN =
      Pattern.compile("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?");
  private static final Pattern SERVICE_ARN = Pattern.compile("arn:aws[a-z-]*:states:::([a-z]+):([A-Za-z]+)(\\.waitForTaskToken)?");

  private final LambdaTasks lambda;
  private final SqsTasks sqs;
  private final DynamoDbTasks dynamoDb;

  public TaskResources(LambdaInvoker invoker, SqsClient sqsClient, URI dynamoDbEndpoint, AwsCredentialsProvider credentials,
      Executor executor, String region, String account) {
    LambdaInvoker lambdaInvoker = invoker != null ? invoker : (name, payload) -> {
      throw new io.orderflow.local.sfn.FunctionNotFoundException(name);
    };
    this.lambda = new LambdaTasks(lambdaInvoker, executor, region, account);
    this.sqs = new SqsTasks(sqsClient, executor);
    this.dynamoDb = new DynamoDbTasks(dynamoDbEndpoint, region, credentials);
  }

  public boolean supports(String resource) {
    return resolve(resource) != null;
  }

  public TaskResource resolve(String resource) {
    if (resource == null) {
      return null;
    }
    if (FUNCTION_ARN.matcher(resource).matches()) {
      return lambda.function(resource);
    }
    Matcher m = SERVICE_ARN.matcher(resource);
    if (!m.matches()) {
      return null;
    }
    String service = m.group(1);
    String action = m.group(2);
    boolean callback = m.group(3) != null;
    return switch (service) {
      case "lambda" -> action.equals("invoke") ? lambda.invoke(callback) : null;
      case "sqs" -> action.equals("sendMessage") ? sqs.sendMessage(callback) : null;
      case "dynamodb" -> DynamoDbTasks.OPERATIONS.contains(action) && !callback ? dynamoDb.operation(action) : null;
      default -> null;
    };
  }
}

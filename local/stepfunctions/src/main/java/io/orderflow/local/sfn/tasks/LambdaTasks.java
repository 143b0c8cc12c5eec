package io.orderflow.local.sfn.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.orderflow.local.sfn.FunctionNotFoundException;
import io.orderflow.local.sfn.LambdaFunctionException;
import io.orderflow.local.sfn.LambdaInvoker;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.runtime.StatesError;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** The Lambda resources: {@code lambda:invoke[.waitForTaskToken]} and bare function ARNs. */
final class LambdaTasks {

  private final LambdaInvoker invoker;
  private final Executor executor;
  private final String region;
  private final String account;

  LambdaTasks(LambdaInvoker invoker, Executor executor, String region, String account) {
    this.invoker = invoker;
    this.executor = executor;
    this.region = region;
    this.account = account;
  }

  /**
   * The function name inside a name, a name with qualifier ({@code validate:live}), a partial ARN
   * ({@code 123456789012:function:validate}) or a full ARN, qualifier stripped.
   */
  static String functionName(String reference) {
    String[] parts = reference.split(":");
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].equals("function")) {
        return parts[i + 1];
      }
    }
    return parts[0];
  }

  /** {@code arn:aws:states:::lambda:invoke}: result wraps the function output as the service does. */
  TaskResource invoke(boolean waitForTaskToken) {
    return new TaskResource() {
      public String resourceType() {
        return "lambda";
      }

      public String resourceName() {
        return waitForTaskToken ? "invoke.waitForTaskToken" : "invoke";
      }

      public boolean waitsForTaskToken() {
        return waitForTaskToken;
      }

      public CompletableFuture<JsonNode> call(JsonNode parameters) {
        JsonNode functionName = parameters.get("FunctionName");
        if (functionName == null || !functionName.isTextual()) {
          return CompletableFuture.failedFuture(new StatesError("Lambda.InvalidParameterValueException",
              "The field 'FunctionName' is required and must be a string"));
        }
        JsonNode payload = parameters.has("Payload") ? parameters.get("Payload") : Json.object();
        return run(functionName.textValue(), payload).thenApply(LambdaTasks::serviceResult);
      }
    };
  }

  /** A bare function ARN: the result is the function's output itself. */
  TaskResource function(String arn) {
    return new TaskResource() {
      public String resourceType() {
        return "lambda";
      }

      public String resourceName() {
        return arn;
      }

      public boolean reportsAsLambdaFunction() {
        return true;
      }

      public CompletableFuture<JsonNode> call(JsonNode parameters) {
        return run(arn, parameters);
      }
    };
  }

  private CompletableFuture<JsonNode> run(String reference, JsonNode payload) {
    String name = functionName(reference);
    String payloadText = payload.isTextual() ? payload.textValue() : Json.write(payload);
    return CompletableFuture.supplyAsync(() -> {
      String output;
      try {
        output = invoker.invoke(name, payloadText);
      } catch (FunctionNotFoundException e) {
        throw new StatesError("Lambda.ResourceNotFoundException",
            "Function not found: arn:aws:lambda:" + region + ":" + account + ":function:" + name
                + " (Service: Lambda, Status Code: 404, Request ID: " + UUID.randomUUID() + ")");
      } catch (LambdaFunctionException e) {
        throw functionError(e.errorType(), e);
      } catch (Exception | Error e) {
        throw functionError(e.getClass().getName(), e);
      }
      if (output == null) {
        return NullNode.getInstance();
      }
      try {
        return Json.parse(output);
      } catch (IllegalArgumentException notJson) {
        return TextNode.valueOf(output);
      }
    }, executor);
  }

  /** Error = errorType; Cause = the function error JSON, as Step Functions reports Lambda errors. */
  private static StatesError functionError(String errorType, Throwable e) {
    ObjectNode cause = Json.object();
    cause.put("errorMessage", e.getMessage());
    cause.put("errorType", errorType);
    ArrayNode trace = cause.putArray("stackTrace");
    for (StackTraceElement element : e.getStackTrace()) {
      trace.add(element.getClassName() + "." + element.getMethodName() + "(" + element.getFileName() + ":" + element.getLineNumber() + ")");
    }
    return new StatesError(errorType, Json.write(cause));
  }

  private static JsonNode serviceResult(JsonNode payload) {
    String requestId = UUID.randomUUID().toString();
    ObjectNode result = Json.object();
    result.put("ExecutedVersion", "$LATEST");
    result.set("Payload", payload);
    result.set("SdkHttpMetadata", Metadata.http(requestId));
    result.set("SdkResponseMetadata", Metadata.response(requestId));
    result.put("StatusCode", 200);
    return result;
  }
}

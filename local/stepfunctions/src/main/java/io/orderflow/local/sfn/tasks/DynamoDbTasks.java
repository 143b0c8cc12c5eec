package io.orderflow.local.sfn.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.runtime.StatesError;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * {@code arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem}. The Parameters already
 * are the DynamoDB API request (DynamoDB JSON), so they are forwarded as they are with the
 * service's own protocol ({@code X-Amz-Target: DynamoDB_20120810.<Operation>}, SigV4-signed),
 * and the response body is the task result plus the SDK metadata members. Service errors become
 * {@code DynamoDB.<ErrorCode>}, e.g. DynamoDB.ConditionalCheckFailedException.
 */
final class DynamoDbTasks {

  static final Set<String> OPERATIONS = Set.of("getItem", "putItem", "updateItem", "deleteItem");

  private final URI endpoint;
  private final String region;
  private final AwsCredentialsProvider credentials;
  private final HttpClient http;

  DynamoDbTasks(URI endpoint, String region, AwsCredentialsProvider credentials) {
    this.endpoint = endpoint;
    this.region = region;
    this.credentials = credentials;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  TaskResource operation(String operation) {
    return new TaskResource() {
      public String resourceType() {
        return "dynamodb";
      }

      public String resourceName() {
        return operation;
      }

      public CompletableFuture<JsonNode> call(JsonNode parameters) {
        return send(Character.toUpperCase(operation.charAt(0)) + operation.substring(1), parameters);
      }
    };
  }

  private CompletableFuture<JsonNode> send(String operation, JsonNode parameters) {
    if (endpoint == null) {
      return CompletableFuture.failedFuture(new StatesError("DynamoDB.SdkClientException", "The local engine was created without a DynamoDB endpoint"));
    }
    String body = Json.write(parameters);
    SdkHttpRequest unsigned = SdkHttpRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(endpoint.resolve("/"))
        .putHeader("Content-Type", "application/x-amz-json-1.0")
        .putHeader("X-Amz-Target", "DynamoDB_20120810." + operation)
        .build();
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(credentials.resolveCredentials())
        .request(unsigned)
        .payload(ContentStreamProvider.fromUtf8String(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
        .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    HttpRequest.Builder request = HttpRequest.newBuilder(signed.request().getUri())
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
      if (!header.getKey().equalsIgnoreCase("Host") && !header.getKey().equalsIgnoreCase("Content-Length")) {
        header.getValue().forEach(v -> request.header(header.getKey(), v));
      }
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .handle((response, failure) -> {
          if (failure != null) {
            throw new StatesError("DynamoDB.SdkClientException", "Unable to execute HTTP request: " + failure.getMessage());
          }
          return result(response);
        });
  }

  private static JsonNode result(HttpResponse<String> response) {
    String requestId = response.headers().firstValue("x-amzn-RequestId").orElse(java.util.UUID.randomUUID().toString());
    JsonNode body = response.body().isBlank() ? Json.object() : Json.parse(response.body());
    if (response.statusCode() >= 300) {
      String type = body.path("__type").asText("AmazonDynamoDBException");
      String code = type.substring(type.indexOf('#') + 1);
      String message = body.has("message") ? body.get("message").asText() : body.path("Message").asText("");
      throw new StatesError("DynamoDB." + code,
          message + " (Service: DynamoDb, Status Code: " + response.statusCode() + ", Request ID: " + requestId + ")");
    }
    ObjectNode result = body.isObject() ? (ObjectNode) body : Json.object();
    result.set("SdkHttpMetadata", Metadata.http(requestId));
    result.set("SdkResponseMetadata", Metadata.response(requestId));
    return result;
  }
}

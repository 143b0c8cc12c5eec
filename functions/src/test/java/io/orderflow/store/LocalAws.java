package io.orderflow.store;

import io.orderflow.local.embedded.EmbeddedDynamoDb;
import io.orderflow.local.embedded.EmbeddedSqs;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB Local and ElasticMQ in this JVM with every table and queue provisioned, started once per
 * test run and shared by all adapter tests (each test uses its own ids). Test classes get it
 * through {@link Extension} as a constructor parameter.
 */
final class LocalAws implements ExtensionContext.Store.CloseableResource {

  static final Region REGION = Region.US_EAST_1;
  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

  final EmbeddedDynamoDb dynamoServer;
  final EmbeddedSqs sqsServer;
  final DynamoDbClient dynamo;
  final SqsClient sqs;
  final ResourceNames names;

  private LocalAws() {
    dynamoServer = EmbeddedDynamoDb.start(0);
    sqsServer = EmbeddedSqs.start(0);
    dynamo = dynamo(dynamoServer.endpoint());
    sqs = SqsClient.builder()
        .endpointOverride(sqsServer.endpoint())
        .region(REGION)
        .credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
    // Adapter tests run on fixed clocks, often before today: without TTL, DynamoDB Local keeps their items.
    names = Provisioning.provision(dynamo, sqs, false);
  }

  /** Adapters over the local stand-ins. No test of these reaches Step Functions: its client points nowhere. */
  Adapters adapters() {
    return Adapters.create(dynamo, sqs, sfn(URI.create("http://localhost:1")), names, Clock.systemUTC());
  }

  static DynamoDbClient dynamo(URI endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(REGION)
        .credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static SfnClient sfn(URI endpoint) {
    return SfnClient.builder()
        .endpointOverride(endpoint)
        .region(REGION)
        .credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Override
  public void close() {
    dynamo.close();
    sqs.close();
    dynamoServer.close();
    sqsServer.close();
  }

  /** Resolves a {@link LocalAws} parameter with the one instance of this test run. */
  static final class Extension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalAws.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == LocalAws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      // The root store closes it once every test has run.
      return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(LocalAws.class, key -> new LocalAws(), LocalAws.class);
    }
  }
}

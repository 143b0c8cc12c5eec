package io.orderflow.store;

import io.orderflow.aftersales.feedback.FeedbackRepository;
import io.orderflow.aftersales.returns.ReturnRepository;
import io.orderflow.aftersales.tickets.TicketRepository;
import io.orderflow.charge.PaymentGateway;
import io.orderflow.charge.PaymentService;
import io.orderflow.charge.SimulatedPaymentGateway;
import io.orderflow.idempotency.IdempotencyStore;
import io.orderflow.limits.RateLimits;
import io.orderflow.intake.WorkflowStarter;
import io.orderflow.order.Catalog;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.QueuePublisher;
import io.orderflow.order.WorkflowCallbacks;
import io.orderflow.platform.Table;
import io.orderflow.platform.Workflow;
import io.orderflow.reserve.Inventory;
import io.orderflow.sweep.FulfillmentExecutions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The composition root: every port wired to its AWS adapter. Handlers' no-argument constructors
 * use {@link #shared()}, built once per execution environment from the standard environment
 * (region, credentials, {@code AWS_ENDPOINT_URL_*}, table and queue names from {@code
 * io.orderflow.platform}); the local stack and tests build one with {@link #create}.
 *
 * <p>The clients are the expensive part and are built once; the adapters over them are small
 * stateless objects, made on each call. Each call resolves the table or state machine its adapter
 * needs, so a handler that asks for its ports in its constructor fails at init, naming the missing
 * variable (queue URLs are resolved per message, as one publisher serves every queue).
 */
public final class Adapters {

  private static final PaymentGateway SIMULATED_PAYMENTS = new SimulatedPaymentGateway();

  private static Adapters shared;

  private final DynamoDbClient dynamo;
  private final SqsClient sqs;
  private final SfnClient sfn;
  private final ResourceNames names;
  private final Clock clock;
  private final Duration paymentLease;

  private Adapters(
      DynamoDbClient dynamo, SqsClient sqs, SfnClient sfn, ResourceNames names, Clock clock, Duration paymentLease) {
    this.dynamo = dynamo;
    this.sqs = sqs;
    this.sfn = sfn;
    this.names = names;
    this.clock = clock;
    this.paymentLease = paymentLease;
  }

  /** The adapters of this execution environment, built from {@link System#getenv()} on first use. */
  public static synchronized Adapters shared() {
    if (shared == null) {
      shared = fromEnvironment(System.getenv());
    }
    return shared;
  }

  /**
   * Adapters configured like on AWS. The region comes from {@code AWS_REGION} (set by the Lambda
   * runtime; skips the slower region lookup chain) and credentials from the default chain. No
   * endpoint is configured here: each SDK client honours {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code
   * AWS_ENDPOINT_URL_SQS} and {@code AWS_ENDPOINT_URL_SFN} (or {@code AWS_ENDPOINT_URL}) by
   * itself, which is how the local stack points handlers at its stand-ins.
   */
  public static Adapters fromEnvironment(Map<String, String> environment) {
    String region = environment.get("AWS_REGION");
    if (region == null || region.isBlank()) {
      throw new IllegalStateException("environment variable AWS_REGION is not set");
    }
    Region awsRegion = Region.of(region.strip());
    SdkHttpClient http = UrlConnectionHttpClient.create();
    return create(
        DynamoDbClient.builder().region(awsRegion).httpClient(http).build(),
        SqsClient.builder().region(awsRegion).httpClient(http).build(),
        SfnClient.builder().region(awsRegion).httpClient(http).build(),
        ResourceNames.fromEnvironment(environment),
        Clock.systemUTC());
  }

  /** Adapters over the given clients: for the local stack and tests. */
  public static Adapters create(DynamoDbClient dynamo, SqsClient sqs, SfnClient sfn, ResourceNames names, Clock clock) {
    return new Adapters(dynamo, sqs, sfn, names, clock, PaymentService.IDEMPOTENCY_LEASE);
  }

  /**
   * The same adapters with another payment idempotency lease: the local stack's, which runs the
   * workflows' retries in scaled time and must scale the lease those retries outlast with them.
   */
  public Adapters withPaymentLease(Duration lease) {
    return new Adapters(dynamo, sqs, sfn, names, clock, lease);
  }

  public OrderRepository orders() {
    return new DynamoOrderRepository(dynamo, names.tableName(Table.ORDERS));
  }

  public Catalog catalog() {
    return new DynamoCatalog(dynamo, names.tableName(Table.CATALOG));
  }

  public Inventory inventory() {
    return new DynamoInventory(dynamo, names.tableName(Table.INVENTORY));
  }

  public IdempotencyStore idempotency() {
    return new DynamoIdempotencyStore(dynamo, names.tableName(Table.IDEMPOTENCY));
  }

  /** Per-customer counters (ticket quota), beside the idempotency records whose TTL they share. */
  public RateLimits rateLimits() {
    return new DynamoRateLimits(dynamo, names.tableName(Table.IDEMPOTENCY));
  }

  public QueuePublisher queues() {
    return new SqsQueuePublisher(sqs, names);
  }

  public WorkflowCallbacks callbacks() {
    return new SfnWorkflowCallbacks(sfn);
  }

  public WorkflowStarter workflowStarter() {
    return new SfnWorkflowStarter(sfn, names.stateMachineArn(Workflow.ORDER_FULFILLMENT));
  }

  /** The order-fulfillment executions by order id, for the sweeper. */
  public FulfillmentExecutions fulfillmentExecutions() {
    return new SfnFulfillmentExecutions(sfn, names.stateMachineArn(Workflow.ORDER_FULFILLMENT));
  }

  /** Starts executions of {@code workflow}, e.g. the return-refund workflow of a new return. */
  public WorkflowStarter workflowStarter(Workflow workflow) {
    return new SfnWorkflowStarter(sfn, names.stateMachineArn(workflow));
  }

  /** Returns live with their order, in the Orders table. */
  public ReturnRepository returns() {
    return new DynamoReturnRepository(dynamo, names.tableName(Table.ORDERS));
  }

  public TicketRepository tickets() {
    return new DynamoTicketRepository(dynamo, names.tableName(Table.AFTERSALES));
  }

  public FeedbackRepository feedback() {
    return new DynamoFeedbackRepository(dynamo, names.tableName(Table.AFTERSALES));
  }

  /** The payment provider: the simulated one of API.md's test tokens; it is stateless, so one serves all. */
  public PaymentGateway payments() {
    return SIMULATED_PAYMENTS;
  }

  /** How long a payment provider call's idempotency claim holds its key (see {@link PaymentService}). */
  public Duration paymentLease() {
    return paymentLease;
  }

  public Clock clock() {
    return clock;
  }
}

package io.orderflow.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.orderflow.intake.ExecutionSettings;
import io.orderflow.local.carrier.CarrierSimulator;
import io.orderflow.local.dynamodb.StreamPoller;
import io.orderflow.local.embedded.EmbeddedDynamoDb;
import io.orderflow.local.embedded.EmbeddedSqs;
import io.orderflow.local.gateway.ApiGateway;
import io.orderflow.local.gateway.Tokens;
import io.orderflow.local.schedule.ScheduleTimer;
import io.orderflow.local.sfn.StepFunctionsEngine;
import io.orderflow.local.sfn.clock.ScaledClock;
import io.orderflow.local.sfn.http.StepFunctionsHttpServer;
import io.orderflow.local.sqs.EventSourcePoller;
import io.orderflow.platform.Cors;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.Queue;
import io.orderflow.platform.Workflow;
import io.orderflow.store.Adapters;
import io.orderflow.store.Provisioning;
import io.orderflow.store.ResourceNames;
import io.orderflow.store.StreamRecords;
import java.net.InetSocketAddress;
import io.orderflow.sweep.SweepSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * orderflow in one JVM: DynamoDB Local, ElasticMQ, the Step Functions engine running the ASL files
 * CDK deploys, every function's handler in-process with SQS event-source pollers, and optionally
 * the API gateway and the simulated carrier. Tables, queues and state machines come from {@code
 * io.orderflow.platform}, the one description CDK deploys too, so local and AWS cannot drift.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(LocalStack.Options.ephemeral().withTimeScale(1000))) {
 *   stack.adapters().catalog().put(...);                        // arrange through the ports
 *   stack.engine().startExecution(stack.stateMachineArn(Workflow.ORDER_FULFILLMENT), id, input);
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

  public static final String REGION = "us-east-1";
  public static final String ACCOUNT = "000000000000";

  /** The simulated carrier's webhook secret unless {@code ORDERFLOW_CARRIER_SECRET} says otherwise. */
  public static final String DEFAULT_CARRIER_SECRET = "local-dev-carrier-secret";

  /** Where the stack listens unless told otherwise: this machine only. */
  public static final String LOOPBACK = "127.0.0.1";

  /**
   * How to run the stack. Ports of 0 pick free ones. {@code timeScale} speeds up workflow time
   * (waits, retries, task timeouts), queue retry delays and the carrier's pace alike. Every
   * listener binds {@code host}: {@link #LOOPBACK} unless someone means to share the stack (the
   * Step Functions and DynamoDB endpoints take no credentials).
   */
  public record Options(
      int apiPort,
      int stepFunctionsPort,
      int dynamoDbPort,
      int sqsPort,
      Path dataDir,
      double timeScale,
      boolean gateway,
      boolean carrierSimulator,
      Duration carrierPace,
      String carrierSecret,
      ExecutionSettings executionSettings,
      boolean seedDemoData,
      Cors cors,
      StepFailures stepFailures,
      String host,
      Sweeper sweeper) {

    public Options {
      if (!(timeScale > 0)) {
        throw new IllegalArgumentException("the time scale must be positive, was " + timeScale);
      }
      if (carrierSimulator && !gateway) {
        throw new IllegalArgumentException("the carrier simulator posts to the gateway: turn the gateway on");
      }
    }

    /** What {@code orderflow serve} runs: the well-known ports, everything on, real time. */
    public static Options defaults() {
      return new Options(3000, 8083, 8000, 9324, null, 1, true, true, Duration.ofSeconds(5),
          carrierSecretFromEnvironment(), ExecutionSettings.DEFAULTS, true, Cors.parse(Cors.ANY), StepFailures.none(), LOOPBACK, Sweeper.DEFAULT);
    }

    /**
     * Light and fast, for workflow tests: free ports, in memory, no gateway, no carrier, no demo
     * data (tests arrange what they need).
     */
    public static Options ephemeral() {
      return new Options(0, 0, 0, 0, null, 1, false, false, Duration.ofSeconds(5), DEFAULT_CARRIER_SECRET,
          ExecutionSettings.DEFAULTS, false, Cors.NONE, StepFailures.none(), LOOPBACK, Sweeper.OFF);
    }

    public Options withPorts(int api, int stepFunctions, int dynamoDb, int sqs) {
      return new Options(api, stepFunctions, dynamoDb, sqs, dataDir, timeScale, gateway, carrierSimulator,
          carrierPace, carrierSecret, executionSettings, seedDemoData, cors, stepFailures, host, sweeper);
    }

    public Options withDataDir(Path dir) {
      return new Options(apiPort, stepFunctionsPort, dynamoDbPort, sqsPort, dir, timeScale, gateway,
          carrierSimulator, carrierPace, carrierSecret, executionSettings, seedDemoData, cors, stepFailures, host, sweeper);
    }

    public Options withTimeScale(double scale) {
      return new Options(apiPort, stepFunctionsPort, dynamoDbPort, sqsPort, dataDir, scale, gateway,
          carrierSimulator, carrierPace, carrierSecret, executionSettings, seedDemoData, cors, stepFailures, host, sweeper);
    }

    public Options withGateway(boolean on) {
      return new Options(apiPort, stepFunctionsPort, dynamoDbPort, sqsPort, dataDir, timeScale, on,
          carrierSimulator && on, carrierPace, carrierSecret, executionSettings, seedDemoData, cors, stepFailures, host, sweeper);
    }

    /** The carrier on (which needs the gateway) with one scan every {@code pace} of workflow time, or off. */
    public Options withCarrierSimulator(boolean on, Duration pace) {
      return new Options(apiPort, stepFunctionsPort, dynamoDbPort, sqsPort, dataDir, timeScale, gateway || on,
          on, pace, carrierSecret, executionSettings, seedDemoData, cors, stepFailures, host, sweeper);
    }

    public Options withSeedDemoData(boolean seed) {
      return new Options(apiPort, stepFunctionsPort, dynamoDbPort, sqsPort, dataDir, timeScale, gateway,
          carrierSimulator, carrierPace, carrierSecret, executionSettings, seed, cors, stepFailures, host, sweeper);
    }

    /** The browser origins the API answers (locally any, so a frontend on another port just works). */
    public Options withCors(Cors origins) {
      return new Options(apiPort, stepFunctionsPort, dynamoDbPort, sqsPort, dataDir, timeScale, gateway,
          carrierSimulator, carrierPace, carrierSecret, executionSettings, seedDemoData, origins, stepFailures, host, sweeper);
    }

    /** The waits every new order-fulfillment execution gets (the intake function's settings). */
    public Options withExecutionSettings(ExecutionSettings settings) {
      return new Options(apiPort, stepFunctionsPort, dynamoDbPort, sqsPort, dataDir, timeScale, gateway,
          carrierSimulator, carrierPace, carrierSecret, settings, seedDemoData, cors, stepFailures, host, sweeper);
    }

    /** Chaos: a share of the workflows' Lambda invocations fails as a crashed invocation would (see {@link StepFailures}). */
    public Options withStepFailures(StepFailures failures) {
      return new Options(apiPort, stepFunctionsPort, dynamoDbPort, sqsPort, dataDir, timeScale, gateway,
          carrierSimulator, carrierPace, carrierSecret, executionSettings, seedDemoData, cors, failures, host, sweeper);
    }

    /** Every listener on {@code address} (an IP address or host name; 0.0.0.0 for every interface). */
    public Options withHost(String address) {
      return new Options(apiPort, stepFunctionsPort, dynamoDbPort, sqsPort, dataDir, timeScale, gateway,
          carrierSimulator, carrierPace, carrierSecret, executionSettings, seedDemoData, cors, stepFailures, address, sweeper);
    }

    /** The stranded-order sweeper's timer, or {@link Sweeper#OFF}. */
    public Options withSweeper(Sweeper timer) {
      return new Options(apiPort, stepFunctionsPort, dynamoDbPort, sqsPort, dataDir, timeScale, gateway,
          carrierSimulator, carrierPace, carrierSecret, executionSettings, seedDemoData, cors, stepFailures, host, timer);
    }

    Duration scaled(Duration workflowTime) {
      return Duration.ofNanos((long) (workflowTime.toNanos() / timeScale));
    }

    private static String carrierSecretFromEnvironment() {
      String secret = System.getenv("ORDERFLOW_CARRIER_SECRET");
      return secret == null || secret.isBlank() ? DEFAULT_CARRIER_SECRET : secret;
    }
  }

  /**
   * The local EventBridge rule of the stranded-order sweeper: every {@code interval} of real time
   * (null: never), with {@code settings} (how old an order must be, ...). Like the handlers'
   * clocks, these are not scaled by the time scale: the orders' ages are real time.
   */
  public record Sweeper(Duration interval, SweepSettings settings) {
    /** What {@code orderflow serve} runs: every 5 minutes, orders unchanged for 15, as on AWS. */
    public static final Sweeper DEFAULT = new Sweeper(LambdaFunction.SWEEP_INTERVAL, SweepSettings.DEFAULTS);
    /** No timer: the workflow tests decide themselves when (and whether) a sweep runs. */
    public static final Sweeper OFF = new Sweeper(null, SweepSettings.DEFAULTS);

    public Sweeper {
      Objects.requireNonNull(settings, "settings");
      if (interval != null && (interval.isZero() || interval.isNegative())) {
        throw new IllegalArgumentException("the sweep interval must be positive, was " + interval);
      }
    }
  }

  private final Options options;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final EmbeddedDynamoDb dynamoDb;
  private final EmbeddedSqs sqs;
  private final SqsClient sqsClient;
  private final StepFunctionsEngine engine;
  private final StepFunctionsHttpServer stepFunctionsServer;
  private final ResourceNames names;
  private final Adapters adapters;
  private final LocalFunctions functions;
  private final Tokens tokens;
  private final ApiGateway gateway;
  private final Duration startupTime;
  private final int resumedExecutions;

  private LocalStack(Options options) {
    long startedAt = System.nanoTime();
    this.options = options;
    try {
      Path dynamoDir = options.dataDir() == null ? null : options.dataDir().resolve("dynamodb");
      this.dynamoDb = track(EmbeddedDynamoDb.start(options.dynamoDbPort(), dynamoDir, options.host()));
      this.sqs = track(EmbeddedSqs.start(options.sqsPort(), options.host()));
      SdkHttpClient http = track(UrlConnectionHttpClient.create());
      DynamoDbClient dynamoClient = track(LocalClients.client(DynamoDbClient.builder(), dynamoDb.endpoint(), http));
      this.sqsClient = track(LocalClients.client(SqsClient.builder(), sqs.endpoint(), http));

      ScaledClock clock = track(new ScaledClock(options.timeScale()));
      this.engine = track(StepFunctionsEngine.builder()
          .lambdaInvoker(options.stepFailures().around(this::invokeFunction))
          .sqsClient(sqsClient)
          .dynamoDbEndpoint(dynamoDb.endpoint())
          .clock(clock)
          .region(REGION)
          .accountId(ACCOUNT)
          .build());
      SavedExecutions saved = options.dataDir() == null ? null : track(new SavedExecutions(engine, options.dataDir()));
      this.stepFunctionsServer = track(StepFunctionsHttpServer.start(
          engine, new InetSocketAddress(options.host(), options.stepFunctionsPort())));
      SfnClient sfnClient = track(LocalClients.client(SfnClient.builder(), stepFunctionsEndpoint(), http));

      ResourceNames provisioned = Provisioning.provision(dynamoClient, sqsClient);
      for (Workflow workflow : Workflow.values()) {
        String arn = engine.createStateMachine(workflow.localName(), StateMachines.definition(workflow, provisioned));
        provisioned = provisioned.withStateMachine(workflow, arn);
      }
      this.names = provisioned;
      this.adapters = Adapters.create(dynamoClient, sqsClient, sfnClient, names, Clock.systemUTC());
      this.functions = new LocalFunctions(LocalHandlers.create(adapters, options));
      // Before any poller runs: a redelivered intake message must find its order's execution
      // (restored) and leave it be, as execution names are unique, instead of starting another.
      this.resumedExecutions = saved == null ? 0 : saved.resume();
      DynamoDbStreamsClient streamsClient =
          track(LocalClients.client(DynamoDbStreamsClient.builder(), dynamoDb.endpoint(), http));
      for (LambdaFunction function : LambdaFunction.values()) {
        function.trigger().ifPresent(queue -> track(new EventSourcePoller(
            sqsClient, names.queueUrl(queue), batch -> this.<SQSEvent, SQSBatchResponse>handle(function, batch),
            options.scaled(queue.visibilityTimeout())).start()));
        function.streamTrigger().ifPresent(table -> track(new StreamPoller(
            streamsClient,
            dynamoClient.describeTable(b -> b.tableName(names.tableName(table))).table().latestStreamArn(),
            record -> StreamRecords.passes(function.streamFilter().orElseThrow(), record),
            batch -> this.<DynamodbEvent, StreamsEventResponse>handle(function, batch)).start()));
      }
      if (options.sweeper().interval() != null) {
        track(new ScheduleTimer(LambdaFunction.SWEEP_STRANDED_ORDERS, options.sweeper().interval(),
            event -> this.<Map<String, Object>, Object>handle(LambdaFunction.SWEEP_STRANDED_ORDERS, event)));
      }
      if (options.seedDemoData()) {
        DemoData.seed(adapters);
      }

      this.tokens = Tokens.fromEnvironment();
      this.gateway = options.gateway() ? track(new ApiGateway(options.host(), options.apiPort(), functions, tokens, options.cors())) : null;
      if (options.carrierSimulator()) {
        track(new CarrierSimulator(sqsClient, names.queueUrl(Queue.CARRIER_REQUESTS), gateway.endpoint(),
            options.carrierSecret(), options.scaled(options.carrierPace())));
      }
    } catch (RuntimeException e) {
      try {
        close();
      } catch (RuntimeException stopFailure) {
        e.addSuppressed(stopFailure);
      }
      throw e;
    }
    this.startupTime = Duration.ofNanos(System.nanoTime() - startedAt);
  }

  /** Starts everything the options ask for; on failure, stops what had started and rethrows. */
  public static LocalStack start(Options options) {
    return new LocalStack(options);
  }

  private String invokeFunction(String name, String payload) throws Exception {
    if (functions == null) {
      // The engine's HTTP API is up a moment before the handlers: a start that early must wait.
      throw new IllegalStateException("the functions are not deployed yet");
    }
    return functions.invoke(name, payload);
  }

  private <I, O> O handle(LambdaFunction function, I event) {
    return functions.handle(function, event);
  }

  private <T> T track(T resource) {
    if (resource instanceof AutoCloseable closeable) {
      started.push(closeable);
    }
    return resource;
  }

  public Options options() {
    return options;
  }

  public Adapters adapters() {
    return adapters;
  }

  public LocalFunctions functions() {
    return functions;
  }

  public StepFunctionsEngine engine() {
    return engine;
  }

  public ResourceNames resourceNames() {
    return names;
  }

  public String stateMachineArn(Workflow workflow) {
    return names.stateMachineArn(workflow);
  }

  /** The execution of {@code workflow} named {@code name} (an order id, a return id). */
  public String executionArn(Workflow workflow, String name) {
    return StepFunctionsEngine.executionArn(stateMachineArn(workflow), name);
  }

  public SqsClient sqsClient() {
    return sqsClient;
  }

  public Tokens tokens() {
    return tokens;
  }

  /** The API base URL, if the gateway runs. */
  public Optional<URI> apiEndpoint() {
    return Optional.ofNullable(gateway).map(ApiGateway::endpoint);
  }

  public URI stepFunctionsEndpoint() {
    return URI.create("http://localhost:" + stepFunctionsServer.port());
  }

  public URI dynamoDbEndpoint() {
    return dynamoDb.endpoint();
  }

  public URI sqsEndpoint() {
    return sqs.endpoint();
  }

  /** Every endpoint by service name, for banners and {@code --endpoint-url}. */
  public Map<String, URI> endpoints() {
    Map<String, URI> endpoints = new LinkedHashMap<>();
    apiEndpoint().ifPresent(api -> endpoints.put("API", api));
    endpoints.put("Step Functions", stepFunctionsEndpoint());
    endpoints.put("DynamoDB", dynamoDbEndpoint());
    endpoints.put("SQS", sqsEndpoint());
    return endpoints;
  }

  public Duration startupTime() {
    return startupTime;
  }

  /** How many running executions the data directory gave back, resumed where they were. */
  public int resumedExecutions() {
    return resumedExecutions;
  }

  /** Stops everything, newest first; every part is stopped even if one fails. */
  @Override
  public void close() {
    RuntimeException failure = null;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("the local stack did not stop cleanly", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}

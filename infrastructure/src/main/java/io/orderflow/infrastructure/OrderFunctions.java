package io.orderflow.infrastructure;

import io.orderflow.platform.ApiRoutes;
import io.orderflow.platform.Cors;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.Queue;
import io.orderflow.platform.StreamFilter;
import io.orderflow.platform.Table;
import io.orderflow.platform.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.FilterCriteria;
import software.amazon.awscdk.services.lambda.FilterRule;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSourceProps;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * A {@link JavaFunction} for every {@link LambdaFunction}: each learns every table name, queue URL
 * and state machine ARN from its environment (the shared composition root reads them all), but may
 * touch only what its {@link FunctionAccess} grants.
 */
public final class OrderFunctions extends Construct {

  /**
   * @param workflows the state machines referenced by their fixed names, not by the constructs: the
   *     state machines invoke these functions, so a reference back would be circular
   * @param consumerMaxConcurrency upper bound of concurrent invocations per queue consumer; for the
   *     intake consumer it bounds the StartExecution rate
   */
  public record Props(
      Code code,
      OrderTables tables,
      Map<Queue, ResilientQueue> queues,
      Map<Workflow, IStateMachine> workflows,
      CarrierSecrets carrierSecrets,
      int consumerMaxConcurrency,
      RetentionDays logRetention,
      Cors cors) {}

  /** SQS's maximum for standard queues: fewer, fuller invocations. */
  private static final int BATCH_SIZE = 10;

  /** A queue must hide a message for this many function timeouts, or it is redelivered early. */
  private static final int VISIBILITY_TIMEOUTS_PER_INVOCATION = 3;

  /** How often Lambda retries a failing stream batch (halving it each time) before giving up on it. */
  private static final int STREAM_RETRY_ATTEMPTS = 10;

  private final Map<LambdaFunction, JavaFunction> functions = new EnumMap<>(LambdaFunction.class);
  private final List<Alarm> streamFailureAlarms = new ArrayList<>();

  public OrderFunctions(Construct scope, String id, Props props) {
    super(scope, id);
    Map<String, String> resources = resourceEnvironment(props);
    for (LambdaFunction spec : LambdaFunction.values()) {
      FunctionAccess access = FunctionAccess.of(spec);
      Map<String, String> environment = new LinkedHashMap<>(resources);
      if (access.carrierSecrets()) {
        environment.putAll(props.carrierSecrets().environment());
      }
      if (props.cors().enabled() && servesBrowsers(spec)) {
        environment.put(Cors.ENVIRONMENT_VARIABLE, String.join(",", props.cors().origins()));
      }
      JavaFunction function =
          new JavaFunction(
              this,
              spec.baseName(),
              new JavaFunction.Props(spec, props.code(), environment, props.logRetention()));
      grant(access, function.role(), props);
      spec.trigger().ifPresent(queue -> subscribe(function, spec, queue, props));
      spec.streamTrigger().ifPresent(table -> listen(function, spec, table, props));
      spec.schedule().ifPresent(interval -> schedule(function, spec, interval));
      functions.put(spec, function);
    }
  }

  private static boolean servesBrowsers(LambdaFunction spec) {
    return ApiRoutes.ALL.stream().anyMatch(route -> route.function() == spec && Cors.appliesTo(route));
  }

  /** One alarm per stream consumer: a record it gave up on is a stock change that never happened. */
  public List<Alarm> streamFailureAlarms() {
    return List.copyOf(streamFailureAlarms);
  }

  public JavaFunction function(LambdaFunction spec) {
    return functions.get(spec);
  }

  private static Map<String, String> resourceEnvironment(Props props) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (Table table : Table.values()) {
      environment.put(table.environmentVariable(), props.tables().table(table).getTableName());
    }
    for (Queue queue : Queue.values()) {
      environment.put(queue.environmentVariable(), props.queues().get(queue).queue().getQueueUrl());
    }
    for (Workflow workflow : Workflow.values()) {
      environment.put(
          workflow.environmentVariable(), props.workflows().get(workflow).getStateMachineArn());
    }
    return environment;
  }

  private static void grant(FunctionAccess access, IRole role, Props props) {
    access.reads().forEach(table -> props.tables().table(table).grantReadData(role));
    access.writes().forEach(table -> props.tables().table(table).grantReadWriteData(role));
    access.sends().forEach(queue -> props.queues().get(queue).queue().grantSendMessages(role));
    access.starts().forEach(workflow -> props.workflows().get(workflow).grantStartExecution(role));
    access.resumes().forEach(workflow -> props.workflows().get(workflow).grantTaskResponse(role));
    access.redrives().forEach(workflow -> {
      // On the workflow's executions (arn:...:execution:<machine>:*) only, not on the machine.
      props.workflows().get(workflow).grantExecution(role, "states:DescribeExecution", "states:RedriveExecution");
      Nag.suppress(
          role,
          "IAM5",
          "DescribeExecution and RedriveExecution act on executions, named after their orders: the"
              + " grant covers the executions of the " + workflow.baseName() + " state machine only.",
          "^Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:.*:\\*$");
    });
    if (access.carrierSecrets()) {
      props.carrierSecrets().grantRead(role);
    }
    if (!access.reads().isEmpty() || !access.writes().isEmpty()) {
      Nag.suppress(
          role,
          "IAM5",
          "Table grants also cover the table's own secondary indexes (<table ARN>/index/*): the"
              + " repositories query orders by customer, tracking number and status.",
          "^Resource::<[A-Za-z0-9]+\\.Arn>/index/\\*$");
    }
  }

  /**
   * Only the records the function's {@link StreamFilter} names reach it (filtered by the mapping,
   * so the table's other writes cost no invocation). A failing batch is halved and retried; a
   * record that still fails lands in a failure queue with an alarm, for ops to replay.
   */
  private void listen(JavaFunction function, LambdaFunction spec, Table table, Props props) {
    software.amazon.awscdk.services.sqs.Queue failures =
        software.amazon.awscdk.services.sqs.Queue.Builder.create(this, spec.baseName() + "-failures")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .retentionPeriod(software.amazon.awscdk.Duration.days(14))
            .build();
    Nag.suppress(
        failures,
        "SQS3",
        "This queue is the failure destination of the "
            + table.logicalName()
            + " stream's event source mapping: it is itself the dead-letter queue.");
    function
        .alias()
        .addEventSource(
            new DynamoEventSource(
                props.tables().table(table),
                DynamoEventSourceProps.builder()
                    .startingPosition(StartingPosition.TRIM_HORIZON)
                    .batchSize(100)
                    .bisectBatchOnError(true)
                    .retryAttempts(STREAM_RETRY_ATTEMPTS)
                    .reportBatchItemFailures(true)
                    .onFailure(new SqsDlq(failures))
                    .filters(List.of(FilterCriteria.filter(pattern(spec.streamFilter().orElseThrow()))))
                    .build()));
    Nag.suppress(
        function.role(),
        "IAM5",
        "Reading a table stream through an event source mapping needs dynamodb:ListStreams, which"
            + " has no resource-level permissions; the stream's own actions name its ARN.",
        "^Resource::\\*$");
    streamFailureAlarms.add(
        ResilientQueue.firstMessageAlarm(
            this,
            spec.baseName() + "-failures-alarm",
            failures,
            "Records of the "
                + table.logicalName()
                + " stream that "
                + spec.baseName()
                + " gave up on: inspect the failure queue"));
  }

  /**
   * An EventBridge rule invoking the function every {@code interval}. A failed run is not retried
   * (the next run comes soon and does the same work), so Lambda's two async retries are turned off.
   */
  private void schedule(JavaFunction function, LambdaFunction spec, Duration interval) {
    Rule.Builder.create(this, spec.baseName() + "-schedule")
        .description("Runs " + spec.localName() + " every " + interval.toMinutes() + " minutes")
        .schedule(Schedule.rate(software.amazon.awscdk.Duration.minutes(interval.toMinutes())))
        .targets(List.of(software.amazon.awscdk.services.events.targets.LambdaFunction.Builder.create(function.alias())
            .retryAttempts(2)
            .build()))
        .build();
    function.alias().configureAsyncInvoke(EventInvokeConfigOptions.builder().retryAttempts(0).build());
  }

  /** The event source mapping's filter pattern for {@code filter}, in Lambda's event filtering syntax. */
  static Map<String, Object> pattern(StreamFilter filter) {
    Map<String, Object> pattern = new LinkedHashMap<>();
    pattern.put("eventName", FilterRule.isEqual(filter.eventName()));
    if (filter.ttlDeletionsOnly()) {
      pattern.put(
          "userIdentity",
          Map.of(
              "type", FilterRule.isEqual(StreamFilter.TTL_IDENTITY_TYPE),
              "principalId", FilterRule.isEqual(StreamFilter.TTL_PRINCIPAL)));
    }
    pattern.put(
        "dynamodb",
        Map.of(
            "Keys",
            Map.of(Table.SORT_KEY, Map.of("S", FilterRule.beginsWith(filter.sortKeyPrefix())))));
    return pattern;
  }

  /** Consumes {@code queue}, reporting partial batch failures so one bad message retries alone. */
  private static void subscribe(
      JavaFunction function, LambdaFunction spec, Queue queue, Props props) {
    Duration minimum = spec.timeout().multipliedBy(VISIBILITY_TIMEOUTS_PER_INVOCATION);
    if (queue.visibilityTimeout().compareTo(minimum) < 0) {
      throw new IllegalStateException(
          String.format(
              "Queue %s hides a message for %s, less than %d timeouts of its consumer %s (%s)",
              queue.baseName(),
              queue.visibilityTimeout(),
              VISIBILITY_TIMEOUTS_PER_INVOCATION,
              spec.baseName(),
              spec.timeout()));
    }
    function
        .alias()
        .addEventSource(
            new SqsEventSource(
                props.queues().get(queue).queue(),
                SqsEventSourceProps.builder()
                    .batchSize(BATCH_SIZE)
                    .reportBatchItemFailures(true)
                    .maxConcurrency(props.consumerMaxConcurrency())
                    .build()));
  }
}

package io.orderflow.infrastructure;

import io.orderflow.platform.ApiRoutes;
import io.orderflow.platform.Cors;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.Queue;
import io.orderflow.platform.Table;
import io.orderflow.platform.Workflow;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * All of orderflow in one stack, built from the resource catalog in {@code io.orderflow.platform}:
 * tables, queues, functions, workflows, API, users and monitoring.
 */
public final class OrderflowStack extends Stack {

  /**
   * What differs between deployments; {@link #fromContext} reads each from CDK context.
   *
   * @param userPoolId an existing Cognito user pool to trust instead of creating one
   * @param consumerMaxConcurrency concurrent invocations per queue consumer (2–1000); for intake
   *     roughly 10 × this many StartExecution calls in flight, under the ~300/s refill quota
   * @param throttleRate API stage steady-state requests per second
   * @param throttleBurst API stage burst
   * @param alarmEmail an address to subscribe to the alarm topic ({@code alarmEmail})
   * @param cors the shop frontends' origins ({@code corsOrigins}, comma-separated); none by default,
   *     so only same-origin pages can call the API until the shop names its own
   */
  public record Settings(
      Optional<String> userPoolId,
      int consumerMaxConcurrency,
      int throttleRate,
      int throttleBurst,
      RetentionDays logRetention,
      Optional<String> alarmEmail,
      Cors cors) {

    public static Settings fromContext(Construct scope) {
      Object corsOrigins = scope.getNode().tryGetContext("corsOrigins");
      return new Settings(
          Optional.ofNullable(scope.getNode().tryGetContext("userPoolId")).map(Object::toString),
          intContext(scope, "consumerMaxConcurrency", 5),
          intContext(scope, "apiThrottleRate", 200),
          intContext(scope, "apiThrottleBurst", 400),
          RetentionDays.ONE_MONTH,
          Optional.ofNullable(scope.getNode().tryGetContext("alarmEmail")).map(Object::toString),
          Cors.parse(corsOrigins == null ? null : corsOrigins.toString()));
    }

    private static int intContext(Construct scope, String key, int fallback) {
      Object value = scope.getNode().tryGetContext(key);
      return value == null ? fallback : Integer.parseInt(value.toString());
    }
  }

  /** The carrier the dispatch step books today (its {@code CARRIER_NAME} default). */
  private static final String SIMULATED_CARRIER = "simcarrier";

  public OrderflowStack(
      Construct scope, String id, StackProps props, RepositoryLayout layout, Settings settings) {
    super(scope, id, props);

    OrderTables tables =
        new OrderTables(this, "Tables", new OrderTables.Props(RemovalPolicy.RETAIN));
    Map<Queue, ResilientQueue> queues = new EnumMap<>(Queue.class);
    for (Queue queue : Queue.values()) {
      queues.put(
          queue, new ResilientQueue(this, queue.baseName(), new ResilientQueue.Props(queue)));
    }
    CarrierSecrets carrierSecrets =
        new CarrierSecrets(this, "CarrierSecrets", new CarrierSecrets.Props(SIMULATED_CARRIER));

    // Functions know the state machines by fixed names, as the state machines need the functions.
    Map<Workflow, String> workflowNames = new EnumMap<>(Workflow.class);
    Map<Workflow, IStateMachine> workflowReferences = new EnumMap<>(Workflow.class);
    for (Workflow workflow : Workflow.values()) {
      String name = getStackName() + "-" + workflow.baseName();
      workflowNames.put(workflow, name);
      workflowReferences.put(
          workflow,
          StateMachine.fromStateMachineName(this, workflow.baseName() + "-by-name", name));
    }

    OrderFunctions functions =
        new OrderFunctions(
            this,
            "Functions",
            new OrderFunctions.Props(
                Code.fromAsset(layout.lambdaJar().toString()),
                tables,
                queues,
                workflowReferences,
                carrierSecrets,
                settings.consumerMaxConcurrency(),
                settings.logRetention(),
                settings.cors()));
    Map<LambdaFunction, IFunction> aliases = new EnumMap<>(LambdaFunction.class);
    Map<LambdaFunction, IFunction> unaliased = new EnumMap<>(LambdaFunction.class);
    for (LambdaFunction spec : LambdaFunction.values()) {
      aliases.put(spec, functions.function(spec).alias());
      unaliased.put(spec, functions.function(spec).function());
    }

    Map<String, IStateMachine> stateMachines = new LinkedHashMap<>();
    for (Workflow workflow : Workflow.values()) {
      StepFunction stepFunction =
          new StepFunction(
              this,
              workflow.baseName(),
              new StepFunction.Props(
                  workflow,
                  workflowNames.get(workflow),
                  layout.definition(workflow),
                  aliases,
                  workQueues(queues),
                  tables(tables),
                  settings.logRetention()));
      stateMachines.put(workflow.baseName(), stepFunction.stateMachine());
      CfnOutput.Builder.create(this, workflow.baseName() + "-arn")
          .description("ARN of the " + workflow.baseName() + " state machine")
          .value(stepFunction.stateMachine().getStateMachineArn())
          .build();
    }

    UserDirectory users =
        new UserDirectory(
            this, "Users", new UserDirectory.Props(settings.userPoolId(), RemovalPolicy.RETAIN));
    OrdersApi api =
        new OrdersApi(
            this,
            "Orders",
            new OrdersApi.Props(
                ApiRoutes.ALL,
                aliases,
                users.userPool(),
                settings.throttleRate(),
                settings.throttleBurst(),
                settings.logRetention(),
                settings.cors()));

    List<Alarm> queueAlarms = new ArrayList<>();
    queues.values().forEach(queue -> queueAlarms.add(queue.deadLetterAlarm()));
    queueAlarms.addAll(functions.streamFailureAlarms());
    Monitoring monitoring =
        new Monitoring(
            this,
            "Monitoring",
            new Monitoring.Props(
                unaliased, stateMachines, api.api(), queueAlarms, settings.alarmEmail()));
    CfnOutput.Builder.create(this, "AlarmTopicArn")
        .description("SNS topic every alarm publishes to: subscribe ops' email, chat or pager")
        .value(monitoring.alarmTopic().getTopicArn())
        .build();

    CfnOutput.Builder.create(this, "ApiUrl")
        .description("Base URL of the orderflow API (API.md)")
        .value(api.api().getUrl())
        .build();
    CfnOutput.Builder.create(this, "UserPoolId")
        .description("Cognito user pool whose ID tokens the API accepts")
        .value(users.userPool().getUserPoolId())
        .build();
  }

  private static Map<Queue, IQueue> workQueues(Map<Queue, ResilientQueue> queues) {
    Map<Queue, IQueue> workQueues = new EnumMap<>(Queue.class);
    queues.forEach((spec, queue) -> workQueues.put(spec, queue.queue()));
    return workQueues;
  }

  private static Map<Table, ITable> tables(OrderTables tables) {
    Map<Table, ITable> byTable = new EnumMap<>(Table.class);
    for (Table table : Table.values()) {
      byTable.put(table, tables.table(table));
    }
    return byTable;
  }
}

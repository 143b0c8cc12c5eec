package io.orderflow.infrastructure;

import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.Queue;
import io.orderflow.platform.Table;
import io.orderflow.platform.Workflow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * A Standard state machine from its ASL file, the workflow's single source of truth. Every {@code
 * ${Placeholder}} in the file is filled from the resource catalog (function ARNs, queue URLs, table
 * names) and synth fails on one that is not; the role may touch exactly the resources the
 * definition names. Logs every execution with its data and traces with X-Ray.
 */
public final class StepFunction extends Construct {

  /**
   * @param name the fixed state machine name, so functions can know its ARN without a reference to
   *     this construct (they call it, it calls them)
   */
  public record Props(
      Workflow workflow,
      String name,
      Path definition,
      Map<LambdaFunction, IFunction> functions,
      Map<Queue, IQueue> queues,
      Map<Table, ITable> tables,
      RetentionDays logRetention) {}

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

  /** A value for one placeholder and the grant that lets the state machine use it. */
  private record Substitution(String value, Consumer<IGrantable> grant) {}

  private final StateMachine stateMachine;

  public StepFunction(Construct scope, String id, Props props) {
    super(scope, id);
    Map<String, Substitution> available = available(props);
    Set<String> used = placeholders(props.definition());
    Set<String> unfilled = new TreeSet<>(used);
    unfilled.removeAll(available.keySet());
    if (!unfilled.isEmpty()) {
      throw new IllegalStateException(
          props.definition()
              + " uses placeholders that no resource fills: "
              + unfilled
              + "; known: "
              + new TreeSet<>(available.keySet()));
    }
    Map<String, String> substitutions = new TreeMap<>();
    used.forEach(name -> substitutions.put(name, available.get(name).value()));

    LogGroup logs =
        LogGroup.Builder.create(this, "Logs")
            // The vended-logs prefix keeps the account's log resource policy small.
            .logGroupName("/aws/vendedlogs/states/" + props.name())
            .retention(props.logRetention())
            .build();
    stateMachine =
        StateMachine.Builder.create(this, "StateMachine")
            .stateMachineName(props.name())
            .stateMachineType(StateMachineType.STANDARD)
            .definitionBody(DefinitionBody.fromFile(props.definition().toString()))
            .definitionSubstitutions(substitutions)
            .logs(
                LogOptions.builder()
                    .destination(logs)
                    .level(LogLevel.ALL)
                    .includeExecutionData(true)
                    .build())
            .tracingEnabled(true)
            .build();
    used.forEach(name -> available.get(name).grant().accept(stateMachine));

    Nag.suppress(
        stateMachine,
        "IAM5",
        "X-Ray trace segments and CloudWatch Logs log delivery do not support resource-level"
            + " permissions; Step Functions' own documented policy for logging and tracing needs"
            + " *.",
        "^Resource::\\*$");
  }

  public IStateMachine stateMachine() {
    return stateMachine;
  }

  /** The placeholders that {@code definition} uses, by name. */
  static Set<String> placeholders(Path definition) {
    String text;
    try {
      text = Files.readString(definition);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> names = new TreeSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  private static Map<String, Substitution> available(Props props) {
    Map<String, Substitution> available = new TreeMap<>();
    props
        .functions()
        .forEach(
            (spec, function) ->
                available.put(
                    spec.placeholder(),
                    new Substitution(function.getFunctionArn(), function::grantInvoke)));
    props
        .queues()
        .forEach(
            (spec, queue) ->
                available.put(
                    spec.placeholder(),
                    new Substitution(queue.getQueueUrl(), queue::grantSendMessages)));
    props
        .tables()
        .forEach(
            (spec, table) ->
                available.put(
                    spec.placeholder(),
                    new Substitution(table.getTableName(), table::grantReadWriteData)));
    return available;
  }
}

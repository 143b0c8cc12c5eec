package io.orderflow.store;

import io.orderflow.platform.Queue;
import io.orderflow.platform.Table;
import io.orderflow.platform.Workflow;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each resource lives in one deployment: table names, queue URLs, state machine ARNs. On AWS
 * CloudFormation names them and passes them in the environment variables that {@code
 * io.orderflow.platform} declares; the local stack gets them from {@link Provisioning}.
 *
 * <p>A missing entry fails when an adapter asks for it, naming the variable. Adapters ask in their
 * constructors, which handlers run at init, so a misconfigured function still fails at init; but a
 * function needs only the resources it uses. That matters for the state machine ARN: a step
 * function cannot receive it (the state machine already depends on the functions' ARNs).
 */
public record ResourceNames(
    Map<Table, String> tableNames, Map<Queue, String> queueUrls, Map<Workflow, String> stateMachineArns) {

  public ResourceNames {
    tableNames = Map.copyOf(tableNames);
    queueUrls = Map.copyOf(queueUrls);
    stateMachineArns = Map.copyOf(stateMachineArns);
  }

  /** Reads every resource variable that is set in {@code environment}. */
  public static ResourceNames fromEnvironment(Map<String, String> environment) {
    Map<Table, String> tables = new EnumMap<>(Table.class);
    for (Table table : Table.values()) {
      putIfSet(tables, table, environment.get(table.environmentVariable()));
    }
    Map<Queue, String> queues = new EnumMap<>(Queue.class);
    for (Queue queue : Queue.values()) {
      putIfSet(queues, queue, environment.get(queue.environmentVariable()));
    }
    Map<Workflow, String> workflows = new EnumMap<>(Workflow.class);
    for (Workflow workflow : Workflow.values()) {
      putIfSet(workflows, workflow, environment.get(workflow.environmentVariable()));
    }
    return new ResourceNames(tables, queues, workflows);
  }

  public String tableName(Table table) {
    return require(tableNames.get(table), table.environmentVariable());
  }

  public String queueUrl(Queue queue) {
    return require(queueUrls.get(queue), queue.environmentVariable());
  }

  public String stateMachineArn(Workflow workflow) {
    return require(stateMachineArns.get(workflow), workflow.environmentVariable());
  }

  /** A copy that also knows {@code workflow}'s ARN (the local stack learns it after creating it). */
  public ResourceNames withStateMachine(Workflow workflow, String arn) {
    Map<Workflow, String> workflows = new EnumMap<>(Workflow.class);
    workflows.putAll(stateMachineArns);
    workflows.put(workflow, arn);
    return new ResourceNames(tableNames, queueUrls, workflows);
  }

  /** The environment variables a function needs to find these resources: the inverse of {@link #fromEnvironment}. */
  public Map<String, String> toEnvironment() {
    Map<String, String> environment = new LinkedHashMap<>();
    tableNames.forEach((table, name) -> environment.put(table.environmentVariable(), name));
    queueUrls.forEach((queue, url) -> environment.put(queue.environmentVariable(), url));
    stateMachineArns.forEach((workflow, arn) -> environment.put(workflow.environmentVariable(), arn));
    return environment;
  }

  private static <K> void putIfSet(Map<K, String> target, K key, String value) {
    if (value != null && !value.isBlank()) {
      target.put(key, value.strip());
    }
  }

  private static String require(String value, String environmentVariable) {
    if (value == null) {
      throw new IllegalStateException(
          "environment variable " + environmentVariable + " is not set: this function cannot reach that resource");
    }
    return value;
  }
}

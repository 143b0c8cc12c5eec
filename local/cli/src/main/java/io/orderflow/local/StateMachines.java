package io.orderflow.local;

import io.orderflow.local.sfn.DefinitionSubstitutions;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.Queue;
import io.orderflow.platform.Table;
import io.orderflow.platform.Workflow;
import io.orderflow.store.ResourceNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The workflows' ASL files (packed from {@code statemachine/}, the files CDK deploys) with their
 * placeholders filled for this stack, as CDK's {@code definitionSubstitutions} fill them on AWS.
 */
final class StateMachines {

  private StateMachines() {}

  static String definition(Workflow workflow, ResourceNames names) {
    return DefinitionSubstitutions.apply(asl(workflow), substitutions(names));
  }

  /** Every placeholder the platform knows, from the same enums the CDK app reads. */
  static Map<String, String> substitutions(ResourceNames names) {
    Map<String, String> values = new HashMap<>();
    for (LambdaFunction function : LambdaFunction.values()) {
      values.put(function.placeholder(), LocalFunctions.arn(function));
    }
    for (Queue queue : Queue.values()) {
      values.put(queue.placeholder(), names.queueUrl(queue));
    }
    for (Table table : Table.values()) {
      values.put(table.placeholder(), names.tableName(table));
    }
    return values;
  }

  private static String asl(Workflow workflow) {
    String resource = "/statemachine/" + workflow.aslFile();
    try (InputStream in = StateMachines.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.orderflow.local.sfn.asl;

import java.util.function.Predicate;

/**
 * A parsed and validated Amazon States Language definition (JSONPath query language).
 *
 * @param root the top-level StartAt and States
 * @param timeoutSeconds the execution timeout, or null for none
 */
public record StateMachineDefinition(StatesBlock root, Integer timeoutSeconds) {

  /**
   * Parses and validates {@code json}; {@code resourceSupported} says which Task Resource ARNs the
   * engine can run (an unknown one is refused here, at create time, not mid-execution).
   *
   * @throws InvalidDefinitionException naming every problem found
   */
  public static StateMachineDefinition parse(String json, Predicate<String> resourceSupported) {
    return new DefinitionParser(resourceSupported).parse(json);
  }
}

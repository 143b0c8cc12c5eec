package io.orderflow.local.sfn;

import java.util.List;

/**
 * ValidateStateMachineDefinition's answer: {@code OK} or {@code FAIL}, with a diagnostic for every
 * problem (the same problems CreateStateMachine refuses a definition for).
 */
public record DefinitionValidation(String result, List<Diagnostic> diagnostics) {

  /** One problem: severity ERROR, AWS's code (SCHEMA_VALIDATION_FAILED, MISSING_TRANSITION_TARGET...), where it is. */
  public record Diagnostic(String severity, String code, String message, String location) {

    /** From the parser's {@code CODE: message at /location}. */
    static Diagnostic of(String problem) {
      int colon = problem.indexOf(": ");
      String code = colon > 0 && problem.substring(0, colon).matches("[A-Z_]+") ? problem.substring(0, colon) : "SCHEMA_VALIDATION_FAILED";
      String rest = colon > 0 && code.equals(problem.substring(0, colon)) ? problem.substring(colon + 2) : problem;
      int at = rest.lastIndexOf(" at /");
      String message = at >= 0 ? rest.substring(0, at) : rest;
      String location = at >= 0 ? rest.substring(at + 4) : null;
      return new Diagnostic("ERROR", code, message, location);
    }
  }
}

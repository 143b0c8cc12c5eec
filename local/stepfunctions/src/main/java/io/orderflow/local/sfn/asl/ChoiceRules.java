package io.orderflow.local.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.sfn.asl.ChoiceRule.Kind;
import io.orderflow.local.sfn.asl.ChoiceRule.Operator;
import io.orderflow.local.sfn.json.JsonPaths;
import io.orderflow.local.sfn.json.Timestamps;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Parses Choice rules into {@link ChoiceRule}s, collecting what is wrong with them the way the
 * service reports it. Evaluating them is the query language's business, not the definition's.
 */
public final class ChoiceRules {

  private ChoiceRules() {}

  /** Parses one rule (a test helper and the parser's entry); throws if it is not valid. */
  public static ChoiceRule parse(JsonNode rule) {
    List<String> problems = new ArrayList<>();
    ChoiceRule parsed = parse(rule, false, "", problems);
    if (!problems.isEmpty()) {
      throw new InvalidDefinitionException(problems);
    }
    return parsed;
  }

  /**
   * Parses a JSONPath rule; null if it is not valid, with every reason added to {@code problems}.
   * A top-level rule carries the Next (read by the caller); a nested one must not.
   */
  static ChoiceRule parse(JsonNode rule, boolean topLevel, String where, List<String> problems) {
    if (!rule.isObject()) {
      problems.add("SCHEMA_VALIDATION_FAILED: A choice rule must be an object at " + where);
      return null;
    }
    if (topLevel) {
      if (!rule.path("Next").isTextual()) {
        problems.add("SCHEMA_VALIDATION_FAILED: A choice rule must have a Next at " + where);
      }
    } else if (rule.has("Next")) {
      problems.add("SCHEMA_VALIDATION_FAILED: Nested choice rules cannot have a Next at " + where);
    }
    String operator = null;
    int operators = 0;
    for (Iterator<String> it = rule.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (field.equals("Next") || field.equals("Variable") || field.equals("Comment")
          || (topLevel && (field.equals("Assign") || field.equals("Output")))) {
        continue;
      }
      if (isOperator(field)) {
        operator = field;
        operators++;
      } else {
        problems.add("SCHEMA_VALIDATION_FAILED: Field '" + field + "' is not supported at " + where);
      }
    }
    if (operators != 1) {
      problems.add("SCHEMA_VALIDATION_FAILED: A choice rule must have exactly one comparison operator or And/Or/Not at " + where);
      return null;
    }
    JsonNode value = rule.get(operator);
    switch (operator) {
      case "And", "Or" -> {
        if (rule.has("Variable")) {
          problems.add("SCHEMA_VALIDATION_FAILED: " + operator + " cannot have a Variable at " + where);
        }
        if (!value.isArray() || value.isEmpty()) {
          problems.add("SCHEMA_VALIDATION_FAILED: " + operator + " must be a non-empty array at " + where);
          return null;
        }
        List<ChoiceRule> inner = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
          inner.add(parse(value.get(i), false, where + "/" + operator + "[" + i + "]", problems));
        }
        return operator.equals("And") ? new ChoiceRule.And(List.copyOf(nonNull(inner))) : new ChoiceRule.Or(List.copyOf(nonNull(inner)));
      }
      case "Not" -> {
        if (rule.has("Variable")) {
          problems.add("SCHEMA_VALIDATION_FAILED: Not cannot have a Variable at " + where);
        }
        ChoiceRule inner = parse(value, false, where + "/Not", problems);
        return inner == null ? null : new ChoiceRule.Not(inner);
      }
      default -> {
        JsonNode variable = rule.get("Variable");
        boolean variableOk = variable != null && variable.isTextual() && JsonPaths.isValid(variable.textValue());
        if (!variableOk) {
          problems.add("SCHEMA_VALIDATION_FAILED: A comparison needs a Variable that is a valid JSONPath at " + where);
        }
        boolean isPath = operator.endsWith("Path") && Operator.named(operator) == null;
        Operator op = Operator.named(isPath ? operator.substring(0, operator.length() - 4) : operator);
        boolean operandOk = validOperand(op, isPath, value);
        if (!operandOk) {
          problems.add("SCHEMA_VALIDATION_FAILED: The value of " + operator + " has the wrong type at " + where + "/" + operator);
        }
        return variableOk && operandOk ? new ChoiceRule.Comparison(variable.textValue(), op, value, isPath) : null;
      }
    }
  }

  private static List<ChoiceRule> nonNull(List<ChoiceRule> rules) {
    return rules.stream().filter(r -> r != null).toList();
  }

  private static boolean validOperand(Operator op, boolean isPath, JsonNode value) {
    if (isPath) {
      return value.isTextual() && JsonPaths.isValid(value.textValue());
    }
    return switch (op.kind()) {
      case STRING, MATCHES -> value.isTextual();
      case NUMERIC -> value.isNumber();
      case TIMESTAMP -> Timestamps.parse(value) != null;
      default -> value.isBoolean(); // BooleanEquals and the type tests
    };
  }

  private static boolean isOperator(String field) {
    if (field.equals("And") || field.equals("Or") || field.equals("Not")) {
      return true;
    }
    if (Operator.named(field) != null) {
      return true;
    }
    if (!field.endsWith("Path")) {
      return false;
    }
    Operator base = Operator.named(field.substring(0, field.length() - 4));
    // only the comparisons have a Path variant: there is no IsNullPath or StringMatchesPath
    return base != null && !base.isTypeTest() && base.kind() != Kind.MATCHES;
  }
}

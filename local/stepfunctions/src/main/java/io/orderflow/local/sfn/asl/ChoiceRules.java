package io.orderflow.local.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.json.JsonPaths;
import io.orderflow.local.sfn.runtime.StatesError;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Choice rules: validation at create time and evaluation at run time.
 *
 * <p>As on AWS, a comparison whose variable has the wrong type is simply false (a string is never
 * NumericEquals anything), while a Variable that points at nothing is a States.Runtime error,
 * unless the rule is IsPresent, which exists precisely to test for that.
 */
public final class ChoiceRules {

  private static final Set<String> STRING_OPS =
      Set.of("StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals",
          "StringGreaterThanEquals");
  private static final Set<String> NUMERIC_OPS =
      Set.of("NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals",
          "NumericGreaterThanEquals");
  private static final Set<String> TIMESTAMP_OPS =
      Set.of("TimestampEquals", "TimestampLessThan", "TimestampGreaterThan",
          "TimestampLessThanEquals", "TimestampGreaterThanEquals");
  private static final Set<String> TYPE_TESTS =
      Set.of("IsPresent", "IsNull", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp");

  private ChoiceRules() {}

  // ---------------------------------------------------------------- validation

  static void validate(JsonNode rule, boolean topLevel, String where, List<String> problems) {
    if (!rule.isObject()) {
      problems.add("SCHEMA_VALIDATION_FAILED: A choice rule must be an object at " + where);
      return;
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
      if (field.equals("Next") || field.equals("Variable") || field.equals("Comment")) {
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
      return;
    }
    JsonNode value = rule.get(operator);
    switch (operator) {
      case "And", "Or" -> {
        if (!value.isArray() || value.isEmpty()) {
          problems.add("SCHEMA_VALIDATION_FAILED: " + operator + " must be a non-empty array at " + where);
        } else {
          for (int i = 0; i < value.size(); i++) {
            validate(value.get(i), false, where + "/" + operator + "[" + i + "]", problems);
          }
        }
        if (rule.has("Variable")) {
          problems.add("SCHEMA_VALIDATION_FAILED: " + operator + " cannot have a Variable at " + where);
        }
      }
      case "Not" -> {
        validate(value, false, where + "/Not", problems);
        if (rule.has("Variable")) {
          problems.add("SCHEMA_VALIDATION_FAILED: Not cannot have a Variable at " + where);
        }
      }
      default -> {
        JsonNode variable = rule.get("Variable");
        if (variable == null || !variable.isTextual() || !JsonPaths.isValid(variable.textValue())) {
          problems.add("SCHEMA_VALIDATION_FAILED: A comparison needs a Variable that is a valid JSONPath at " + where);
        }
        validateOperand(operator, value, where + "/" + operator, problems);
      }
    }
  }

  private static void validateOperand(String op, JsonNode value, String where, List<String> problems) {
    boolean ok;
    if (op.endsWith("Path")) {
      ok = value.isTextual() && JsonPaths.isValid(value.textValue());
    } else if (STRING_OPS.contains(op) || op.equals("StringMatches")) {
      ok = value.isTextual();
    } else if (NUMERIC_OPS.contains(op)) {
      ok = value.isNumber();
    } else if (TIMESTAMP_OPS.contains(op)) {
      ok = value.isTextual() && timestamp(value) != null;
    } else { // BooleanEquals and the type tests
      ok = value.isBoolean();
    }
    if (!ok) {
      problems.add("SCHEMA_VALIDATION_FAILED: The value of " + op + " has the wrong type at " + where);
    }
  }

  private static boolean isOperator(String field) {
    if (field.equals("And") || field.equals("Or") || field.equals("Not")) {
      return true;
    }
    String base = field.endsWith("Path") ? field.substring(0, field.length() - 4) : field;
    return STRING_OPS.contains(base)
        || NUMERIC_OPS.contains(base)
        || TIMESTAMP_OPS.contains(base)
        || base.equals("BooleanEquals")
        || field.equals("StringMatches")
        || TYPE_TESTS.contains(field);
  }

  // ---------------------------------------------------------------- evaluation

  /** True if {@code rule} holds for this input. */
  public static boolean matches(JsonNode rule, JsonNode input, JsonNode context) {
    if (rule.has("And")) {
      for (JsonNode inner : rule.get("And")) {
        if (!matches(inner, input, context)) {
          return false;
        }
      }
      return true;
    }
    if (rule.has("Or")) {
      for (JsonNode inner : rule.get("Or")) {
        if (matches(inner, input, context)) {
          return true;
        }
      }
      return false;
    }
    if (rule.has("Not")) {
      return !matches(rule.get("Not"), input, context);
    }
    String variablePath = rule.get("Variable").textValue();
    String operator = operatorOf(rule);
    JsonNode operand = rule.get(operator);
    var variable = JsonPaths.find(variablePath, input, context);
    if (operator.equals("IsPresent")) {
      return variable.isPresent() == operand.booleanValue();
    }
    JsonNode value =
        variable.orElseThrow(
            () -> StatesError.runtime("Invalid path '" + variablePath
                + "': The choice state's condition path references an invalid value."));
    if (TYPE_TESTS.contains(operator)) {
      return typeTest(operator, value) == operand.booleanValue();
    }
    String base = operator;
    if (operator.endsWith("Path")) {
      base = operator.substring(0, operator.length() - 4);
      String path = operand.textValue();
      operand =
          JsonPaths.find(path, input, context)
              .orElseThrow(() -> StatesError.runtime("Invalid path '" + path
                  + "': The choice state's condition path references an invalid value."));
    }
    return compare(base, value, operand);
  }

  private static String operatorOf(JsonNode rule) {
    for (Iterator<String> it = rule.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (isOperator(field)) {
        return field;
      }
    }
    throw new IllegalStateException("validated rule without operator: " + rule);
  }

  private static boolean typeTest(String test, JsonNode value) {
    return switch (test) {
      case "IsNull" -> value.isNull();
      case "IsNumeric" -> value.isNumber();
      case "IsString" -> value.isTextual();
      case "IsBoolean" -> value.isBoolean();
      case "IsTimestamp" -> timestamp(value) != null;
      default -> throw new IllegalArgumentException(test);
    };
  }

  private static boolean compare(String op, JsonNode value, JsonNode operand) {
    if (op.equals("StringMatches")) {
      return value.isTextual() && wildcard(operand.textValue()).matcher(value.textValue()).matches();
    }
    if (op.equals("BooleanEquals")) {
      return value.isBoolean() && operand.isBoolean() && value.booleanValue() == operand.booleanValue();
    }
    int order;
    if (STRING_OPS.contains(op)) {
      if (!value.isTextual() || !operand.isTextual()) {
        return false;
      }
      order = value.textValue().compareTo(operand.textValue());
    } else if (NUMERIC_OPS.contains(op)) {
      if (!value.isNumber() || !operand.isNumber()) {
        return false;
      }
      BigDecimal a = value.decimalValue();
      order = a.compareTo(operand.decimalValue());
    } else {
      Instant a = timestamp(value);
      Instant b = timestamp(operand);
      if (a == null || b == null) {
        return false;
      }
      order = a.compareTo(b);
    }
    if (op.endsWith("LessThanEquals")) {
      return order <= 0;
    }
    if (op.endsWith("GreaterThanEquals")) {
      return order >= 0;
    }
    if (op.endsWith("LessThan")) {
      return order < 0;
    }
    if (op.endsWith("GreaterThan")) {
      return order > 0;
    }
    return order == 0;
  }

  /** An RFC 3339 timestamp ("2016-08-18T17:33:00Z", offsets and fractions allowed), else null. */
  public static Instant timestamp(JsonNode value) {
    if (value == null || !value.isTextual()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** StringMatches: {@code *} matches any run of characters, {@code \*} and {@code \\} are literals. */
  static Pattern wildcard(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '*') {
        regex.append(".*");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  static String describe(JsonNode rule) {
    return Json.write(rule);
  }
}

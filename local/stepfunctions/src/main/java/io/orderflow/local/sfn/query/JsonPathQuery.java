package io.orderflow.local.sfn.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.asl.Catcher;
import io.orderflow.local.sfn.asl.ChoiceRule;
import io.orderflow.local.sfn.asl.State;
import io.orderflow.local.sfn.json.Intrinsics;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.json.JsonPaths;
import io.orderflow.local.sfn.json.PayloadTemplate;
import io.orderflow.local.sfn.json.ReferencePath;
import io.orderflow.local.sfn.json.Timestamps;
import io.orderflow.local.sfn.runtime.StatesError;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The JSONPath query language, with the processing fields in the order AWS applies them:
 * InputPath → Parameters → (state work) → ResultSelector → ResultPath → OutputPath. Path fields
 * follow the three-valued convention of {@link State}: absent (Java null), null, or a path.
 *
 * <p>In Choice rules a comparison whose variable has the wrong type is simply false (a string is
 * never NumericEquals anything), while a Variable that points at nothing is a States.Runtime
 * error, unless the rule is IsPresent, which exists precisely to test for that.
 */
public final class JsonPathQuery implements Query {

  public static final JsonPathQuery INSTANCE = new JsonPathQuery();

  private JsonPathQuery() {}

  @Override
  public JsonNode input(State.Common state, JsonNode rawInput, Bindings bindings) {
    return selectOrEmpty(state.inputPath(), rawInput, bindings, "InputPath");
  }

  @Override
  public JsonNode payload(JsonNode template, JsonNode input, Bindings bindings) {
    return template == null ? input : PayloadTemplate.evaluate(template, input, bindings.context(), bindings.variables());
  }

  @Override
  public JsonNode output(State.Common state, JsonNode resultSelector, JsonNode resultPath, JsonNode rawInput, JsonNode result, Bindings bindings) {
    JsonNode selected = payload(resultSelector, result, bindings);
    return selectOrEmpty(state.outputPath(), resultPath(resultPath, rawInput, selected), bindings, "OutputPath");
  }

  @Override
  public JsonNode caught(Catcher catcher, JsonNode rawInput, StatesError error, Bindings bindings) {
    return resultPath(catcher.resultPath(), rawInput, error.output());
  }

  @Override
  public JsonNode value(String expression, JsonNode input, Bindings bindings, String field) {
    if (Intrinsics.isInvocation(expression)) {
      return Intrinsics.evaluate(expression, input, bindings.context(), bindings.variables());
    }
    return JsonPaths.find(expression, input, bindings.context(), bindings.variables())
        .orElseThrow(() -> StatesError.runtime("Invalid path '" + expression + "' for " + field + ": no results in '" + Json.write(input) + "'"));
  }

  @Override
  public ObjectNode assign(JsonNode assign, JsonNode document, Bindings bindings) {
    return (ObjectNode) PayloadTemplate.evaluate(assign, document, bindings.context(), bindings.variables());
  }

  private static JsonNode selectOrEmpty(JsonNode spec, JsonNode document, Bindings bindings, String field) {
    if (spec == null) {
      return document;
    }
    if (spec.isNull()) {
      return Json.object();
    }
    String path = spec.textValue();
    try {
      return JsonPaths.select(path, document, bindings.context(), bindings.variables());
    } catch (JsonPaths.NoMatchException e) {
      throw StatesError.runtime(
          "Invalid path '" + path + "' : No results for path: " + path + " (" + field + ") in '" + Json.write(document) + "'");
    }
  }

  /** Absent: the result replaces the input. null: the result is discarded. A path: the result is placed there. */
  private static JsonNode resultPath(JsonNode spec, JsonNode rawInput, JsonNode result) {
    if (spec == null) {
      return result;
    }
    if (spec.isNull()) {
      return rawInput;
    }
    return ReferencePath.parse(spec.textValue()).set(rawInput, result);
  }

  // ---------------------------------------------------------------- Choice rules

  @Override
  public boolean matches(ChoiceRule rule, JsonNode input, Bindings bindings) {
    if (rule instanceof ChoiceRule.And and) {
      return and.rules().stream().allMatch(r -> matches(r, input, bindings));
    }
    if (rule instanceof ChoiceRule.Or or) {
      return or.rules().stream().anyMatch(r -> matches(r, input, bindings));
    }
    if (rule instanceof ChoiceRule.Not not) {
      return !matches(not.rule(), input, bindings);
    }
    if (rule instanceof ChoiceRule.Comparison comparison) {
      return compare(comparison, input, bindings);
    }
    throw new IllegalStateException("a JSONata Condition in a JSONPath state: the parser refuses it");
  }

  private static boolean compare(ChoiceRule.Comparison rule, JsonNode input, Bindings bindings) {
    ChoiceRule.Operator op = rule.operator();
    var variable = JsonPaths.find(rule.variable(), input, bindings.context(), bindings.variables());
    if (op.kind() == ChoiceRule.Kind.IS_PRESENT) {
      return variable.isPresent() == rule.operand().booleanValue();
    }
    JsonNode value = variable.orElseThrow(() -> invalidPath(rule.variable()));
    if (op.isTypeTest()) {
      return typeTest(op.kind(), value) == rule.operand().booleanValue();
    }
    JsonNode operand = rule.operand();
    if (rule.operandIsPath()) {
      String path = operand.textValue();
      operand = JsonPaths.find(path, input, bindings.context(), bindings.variables()).orElseThrow(() -> invalidPath(path));
    }
    return compare(op, value, operand);
  }

  private static StatesError invalidPath(String path) {
    return StatesError.runtime("Invalid path '" + path + "': The choice state's condition path references an invalid value.");
  }

  private static boolean typeTest(ChoiceRule.Kind test, JsonNode value) {
    return switch (test) {
      case IS_NULL -> value.isNull();
      case IS_NUMERIC -> value.isNumber();
      case IS_STRING -> value.isTextual();
      case IS_BOOLEAN -> value.isBoolean();
      case IS_TIMESTAMP -> Timestamps.parse(value) != null;
      default -> throw new IllegalArgumentException(test.name());
    };
  }

  private static boolean compare(ChoiceRule.Operator op, JsonNode value, JsonNode operand) {
    int order;
    switch (op.kind()) {
      case MATCHES -> {
        return value.isTextual() && wildcard(operand.textValue()).matcher(value.textValue()).matches();
      }
      case BOOLEAN -> {
        return value.isBoolean() && operand.isBoolean() && value.booleanValue() == operand.booleanValue();
      }
      case STRING -> {
        if (!value.isTextual() || !operand.isTextual()) {
          return false;
        }
        order = value.textValue().compareTo(operand.textValue());
      }
      case NUMERIC -> {
        if (!value.isNumber() || !operand.isNumber()) {
          return false;
        }
        BigDecimal a = value.decimalValue();
        order = a.compareTo(operand.decimalValue());
      }
      default -> {
        Instant a = Timestamps.parse(value);
        Instant b = Timestamps.parse(operand);
        if (a == null || b == null) {
          return false;
        }
        order = a.compareTo(b);
      }
    }
    return switch (op.relation()) {
      case EQUALS -> order == 0;
      case LESS_THAN -> order < 0;
      case GREATER_THAN -> order > 0;
      case LESS_THAN_EQUALS -> order <= 0;
      case GREATER_THAN_EQUALS -> order >= 0;
    };
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
}

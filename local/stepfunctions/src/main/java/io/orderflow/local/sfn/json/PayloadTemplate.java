package io.orderflow.local.sfn.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.runtime.StatesError;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Parameters, ResultSelector and ItemSelector: a JSON template whose fields named {@code key.$}
 * are replaced by {@code key} with the value of a path ({@code $.x}), a context path
 * ({@code $$.Execution.Id}) or an intrinsic function ({@code States.Format(...)}).
 */
public final class PayloadTemplate {

  private PayloadTemplate() {}

  /** Adds a message to {@code problems} for every {@code .$} field that cannot work. */
  public static void validate(JsonNode template, String where, List<String> problems) {
    if (template instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String location = where + "/" + field.getKey();
        if (field.getKey().endsWith(".$")) {
          JsonNode value = field.getValue();
          if (!value.isTextual()) {
            problems.add("The value for the field '" + field.getKey() + "' must be a STRING that contains a JSONPath but was an "
                + Json.typeName(value).toUpperCase() + " at " + location);
            continue;
          }
          String text = value.textValue();
          if (Intrinsics.isInvocation(text)) {
            try {
              Intrinsics.validate(text);
            } catch (IllegalArgumentException e) {
              problems.add(e.getMessage() + " at " + location);
            }
          } else if (!JsonPaths.isValid(text)) {
            problems.add("The value for the field '" + field.getKey() + "' must be a valid JSONPath or a valid intrinsic function call at " + location);
          }
        } else {
          validate(field.getValue(), location, problems);
        }
      }
    } else if (template instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        validate(array.get(i), where + "[" + i + "]", problems);
      }
    }
  }

  /** Builds the payload for one state run. */
  public static JsonNode evaluate(JsonNode template, JsonNode input, JsonNode context) {
    return evaluate(template, input, context, null);
  }

  /** Builds the payload for one state run, with the variables in scope ({@code "x.$": "$total"}). */
  public static JsonNode evaluate(JsonNode template, JsonNode input, JsonNode context, JsonNode variables) {
    if (template instanceof ObjectNode object) {
      ObjectNode out = Json.object();
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String key = field.getKey();
        if (key.endsWith(".$") && field.getValue().isTextual()) {
          String expression = field.getValue().textValue();
          out.set(key.substring(0, key.length() - 2), resolve(key, expression, input, context, variables));
        } else {
          out.set(key, evaluate(field.getValue(), input, context, variables));
        }
      }
      return out;
    }
    if (template instanceof ArrayNode array) {
      ArrayNode out = Json.MAPPER.createArrayNode();
      array.forEach(item -> out.add(evaluate(item, input, context, variables)));
      return out;
    }
    return template.deepCopy();
  }

  private static JsonNode resolve(String key, String expression, JsonNode input, JsonNode context, JsonNode variables) {
    if (Intrinsics.isInvocation(expression)) {
      return Intrinsics.evaluate(expression, input, context, variables);
    }
    try {
      return JsonPaths.select(expression, input, context, variables);
    } catch (JsonPaths.NoMatchException e) {
      JsonNode searched = JsonPaths.isContextPath(expression) ? context : input;
      throw StatesError.runtime(
          "The JSONPath '" + expression + "' specified for the field '" + key
              + "' could not be found in the input '" + Json.write(searched) + "'");
    }
  }
}

package io.orderflow.local.sfn.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.json.Json;

/**
 * What an expression of a state may refer to besides the document it is applied to: the context
 * object ({@code $$} in JSONPath, {@code $states.context} in JSONata), the variables in scope
 * ({@code $name}), and for JSONata the rest of {@code $states}: the state's input, its result
 * (in Output and Assign) and a caught error's output (in a catcher's Output and Assign).
 */
public record Bindings(JsonNode context, ObjectNode variables, JsonNode input, JsonNode result, JsonNode errorOutput) {

  public static Bindings of(JsonNode context) {
    return new Bindings(context, Json.object(), null, null, null);
  }

  public Bindings withResult(JsonNode value) {
    return new Bindings(context, variables, input, value, errorOutput);
  }

  public Bindings withErrorOutput(JsonNode value) {
    return new Bindings(context, variables, input, result, value);
  }

  /** {@code $states} as a JSONata expression sees it. */
  public ObjectNode states() {
    ObjectNode states = Json.object();
    if (input != null) {
      states.set("input", input);
    }
    if (context != null) {
      states.set("context", context);
    }
    if (result != null) {
      states.set("result", result);
    }
    if (errorOutput != null) {
      states.set("errorOutput", errorOutput);
    }
    return states;
  }
}

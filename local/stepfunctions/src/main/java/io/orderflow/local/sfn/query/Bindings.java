package io.orderflow.local.sfn.query;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an expression of a state may refer to besides the document it is applied to: the context
 * object ({@code $$} in JSONPath, {@code $states.context} in JSONata).
 */
public record Bindings(JsonNode context) {

  public static Bindings of(JsonNode context) {
    return new Bindings(context);
  }
}

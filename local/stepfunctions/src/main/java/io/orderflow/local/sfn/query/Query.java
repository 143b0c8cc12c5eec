package io.orderflow.local.sfn.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.sfn.asl.Catcher;
import io.orderflow.local.sfn.asl.ChoiceRule;
import io.orderflow.local.sfn.asl.State;
import io.orderflow.local.sfn.runtime.StatesError;

/**
 * A state's query language: how it selects its input, builds the payload of its work, shapes its
 * output, evaluates a single-valued field and a Choice rule. States run the same steps whatever
 * the language; the language decides what each step means.
 */
public interface Query {

  /** The input the state works on (InputPath in JSONPath). */
  JsonNode input(State.Common state, JsonNode rawInput, Bindings bindings);

  /** A payload template: Parameters, ItemSelector, ResultSelector. Absent: {@code input} as it is. */
  JsonNode payload(JsonNode template, JsonNode input, Bindings bindings);

  /**
   * The state's output from its raw input and its result (ResultSelector, ResultPath and
   * OutputPath in JSONPath).
   */
  JsonNode output(State.Common state, JsonNode resultSelector, JsonNode resultPath, JsonNode rawInput, JsonNode result, Bindings bindings);

  /** The output a catcher passes on to its Next state. */
  JsonNode caught(Catcher catcher, JsonNode rawInput, StatesError error, Bindings bindings);

  /** The value a single-valued field (SecondsPath, ItemsPath, ErrorPath...) refers to; States.Runtime if none. */
  JsonNode value(String expression, JsonNode input, Bindings bindings, String field);

  /** True if {@code rule} holds. */
  boolean matches(ChoiceRule rule, JsonNode input, Bindings bindings);

  /**
   * The values an Assign field gives its variables, evaluated against the bindings as they were
   * before the state ran (an assignment never sees another of the same state). {@code document}
   * is what a JSONPath {@code $} means there: the state's result, or the input of a state without one.
   */
  com.fasterxml.jackson.databind.node.ObjectNode assign(JsonNode assign, JsonNode document, Bindings bindings);

  /** A JSONata template (Output, Arguments, Items...) or a JSONPath one (Parameters...) evaluated. */
  default JsonNode template(JsonNode template, JsonNode input, Bindings bindings) {
    return payload(template, input, bindings);
  }
}

package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.sfn.asl.State;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.query.Bindings;
import java.util.concurrent.CompletableFuture;

/** Fail: fails its block with its Error and Cause (fixed, or taken from the input). */
final class FailRunner implements StateRunner<State.Fail> {

  @Override
  public CompletableFuture<Outcome> run(State.Fail fail, StateContext context) {
    Bindings bindings = context.bindings();
    String error = fail.errorPath() != null ? dynamic(fail.errorPath(), context, bindings, "ErrorPath") : fail.error();
    String cause = fail.causePath() != null ? dynamic(fail.causePath(), context, bindings, "CausePath") : fail.cause();
    return CompletableFuture.failedFuture(new StatesError(error, cause));
  }

  private static String dynamic(String expression, StateContext context, Bindings bindings, String field) {
    JsonNode value = context.query().value(expression, context.input(), bindings, field);
    if (!value.isTextual()) {
      throw StatesError.runtime("The " + field + " '" + expression + "' must resolve to a string, not " + Json.write(value));
    }
    return value.textValue();
  }
}

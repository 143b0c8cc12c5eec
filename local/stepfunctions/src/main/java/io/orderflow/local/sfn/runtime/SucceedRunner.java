package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.sfn.asl.State;
import io.orderflow.local.sfn.query.Bindings;
import java.util.concurrent.CompletableFuture;

/** Succeed: ends its block with its (filtered) input. */
final class SucceedRunner implements StateRunner<State.Succeed> {

  @Override
  public CompletableFuture<Outcome> run(State.Succeed succeed, StateContext context) {
    Bindings bindings = context.bindings();
    JsonNode effective = context.query().input(succeed.common(), context.input(), bindings);
    JsonNode output = context.query().output(succeed.common(), null, null, effective, effective, bindings);
    return CompletableFuture.completedFuture(new Outcome(output, null));
  }
}

package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.sfn.asl.State;
import io.orderflow.local.sfn.query.Bindings;
import io.orderflow.local.sfn.query.Query;
import java.util.concurrent.CompletableFuture;

/** Pass: its Result, or its payload template applied to its input, placed by the output fields. */
final class PassRunner implements StateRunner<State.Pass> {

  @Override
  public CompletableFuture<Outcome> run(State.Pass pass, StateContext context) {
    Query query = context.query();
    Bindings bindings = context.bindings();
    JsonNode effective = query.input(pass.common(), context.input(), bindings);
    JsonNode result = pass.result() != null ? pass.result().deepCopy() : query.payload(pass.parameters(), effective, bindings);
    JsonNode output = context.assign(pass.common().assign(), effective, bindings,
        query.output(pass.common(), null, pass.resultPath(), context.input(), result, bindings));
    return CompletableFuture.completedFuture(new Outcome(output, pass.common().next()));
  }
}

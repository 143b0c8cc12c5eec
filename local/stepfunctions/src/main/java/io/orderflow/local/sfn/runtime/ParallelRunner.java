package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.orderflow.local.sfn.asl.State;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.query.Bindings;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parallel states: every branch gets the same input; the output is the array of branch outputs in
 * branch order. The first branch to fail fails the state with that branch's error and stops the
 * other branches.
 */
final class ParallelRunner implements StateRunner<State.Parallel> {

  @Override
  public CompletableFuture<Outcome> run(State.Parallel parallel, StateContext context) {
    JsonNode effective = context.query().input(parallel.common(), context.input(), context.bindings());
    return RetryCatch.run(parallel.retry(), parallel.catchers(), parallel.common().next(), context,
        retryCount -> attempt(parallel, context, effective, retryCount));
  }

  private CompletableFuture<JsonNode> attempt(State.Parallel parallel, StateContext context, JsonNode effective, int retryCount) {
    Branch branch = context.branch();
    Bindings bindings = context.bindings(retryCount, null);
    JsonNode branchInput = context.query().payload(parallel.parameters(), effective, bindings);
    branch.record("ParallelStateStarted", null);

    int count = parallel.branches().size();
    JsonNode[] outputs = new JsonNode[count];
    AtomicInteger remaining = new AtomicInteger(count);
    CompletableFuture<JsonNode> all = new CompletableFuture<>();
    CancelScope group = branch.scope().child();
    for (int i = 0; i < count; i++) {
      int index = i;
      Branch child = branch.parallelBranch(group);
      context
          .runBlock(parallel.branches().get(i), branchInput.deepCopy(), child)
          .whenComplete((output, failure) -> {
            if (failure == null) {
              outputs[index] = output;
              if (remaining.decrementAndGet() == 0) {
                ArrayNode array = Json.MAPPER.createArrayNode();
                for (JsonNode o : outputs) {
                  array.add(o);
                }
                all.complete(array);
              }
            } else if (!(Interpreter.unwrap(failure) instanceof ExecutionCancelled) || branch.scope().isCancelled()) {
              if (all.completeExceptionally(Interpreter.unwrap(failure))) {
                group.cancel();
              }
            }
          });
    }
    return all.handle((result, failure) -> {
      branch.scope().release(group);
      if (failure != null) {
        Throwable cause = Interpreter.unwrap(failure);
        if (cause instanceof StatesError error) {
          branch.record("ParallelStateFailed", null);
          throw error;
        }
        throw new java.util.concurrent.CompletionException(cause);
      }
      branch.record("ParallelStateSucceeded", null);
      return context.assign(parallel.common().assign(), context.query().payload(parallel.resultSelector(), result, bindings.withResult(result)), bindings.withResult(result),
          context.query().output(parallel.common(), parallel.resultSelector(), parallel.resultPath(), context.input(), result, bindings));
    });
  }
}

package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.orderflow.local.sfn.asl.State;
import io.orderflow.local.sfn.json.Json;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parallel states: every branch gets the same input; the output is the array of branch outputs in
 * branch order. The first branch to fail fails the state with that branch's error and stops the
 * other branches.
 */
final class ParallelRunner {

  private final Interpreter interpreter;

  ParallelRunner(Interpreter interpreter) {
    this.interpreter = interpreter;
  }

  CompletableFuture<Outcome> run(State.Parallel parallel, JsonNode input, Branch branch, Instant entered) {
    JsonNode baseContext = interpreter.context(branch, parallel, entered, 0, null);
    JsonNode effective = InputOutput.inputPath(parallel.common().inputPath(), input, baseContext);
    return interpreter
        .retryCatch()
        .run(parallel.retry(), parallel.catchers(), parallel.common().next(), input, branch,
            retryCount -> attempt(parallel, input, effective, branch, entered, retryCount));
  }

  private CompletableFuture<JsonNode> attempt(State.Parallel parallel, JsonNode rawInput, JsonNode effective, Branch branch, Instant entered, int retryCount) {
    JsonNode context = interpreter.context(branch, parallel, entered, retryCount, null);
    JsonNode branchInput = InputOutput.template(parallel.parameters(), effective, context);
    branch.record("ParallelStateStarted", null);

    int count = parallel.branches().size();
    JsonNode[] outputs = new JsonNode[count];
    AtomicInteger remaining = new AtomicInteger(count);
    CompletableFuture<JsonNode> all = new CompletableFuture<>();
    CancelScope group = branch.scope().child();
    for (int i = 0; i < count; i++) {
      int index = i;
      Branch child = branch.parallelBranch(group);
      interpreter
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
      JsonNode selected = InputOutput.template(parallel.resultSelector(), result, context);
      JsonNode output = InputOutput.resultPath(parallel.resultPath(), rawInput, selected);
      return InputOutput.outputPath(parallel.common().outputPath(), output, context);
    });
  }
}

package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.HistoryEvent;
import io.orderflow.local.sfn.asl.Catcher;
import io.orderflow.local.sfn.asl.Retrier;
import io.orderflow.local.sfn.asl.State;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.query.Bindings;
import io.orderflow.local.sfn.query.Query;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * TestState: one state run once against a given input and variables, reported as the service
 * reports it. The state runs without its Retry and Catch; an error then says what they would do:
 * RETRIABLE if a retrier matches, CAUGHT_ERROR (with the catcher's Next and output) if a catcher
 * does, else FAILED.
 */
public final class StateTester {

  /** What TestState answers; {@code inspectionData} is null at inspection level INFO. */
  public record Result(String status, JsonNode output, String error, String cause, String nextState, ObjectNode inspectionData) {}

  private final Services services;
  private final StateContext.Blocks blocks;

  StateTester(Services services, StateContext.Blocks blocks) {
    this.services = services;
    this.blocks = blocks;
  }

  /**
   * @param run a throwaway execution whose definition has the state, without Retry and Catch, as StartAt
   * @param original the state as given, with its Retry and Catch
   * @param variables the variables in scope (an object), or null
   */
  public CompletableFuture<Result> test(ExecutionRun run, State original, JsonNode input, JsonNode variables, boolean inspect) {
    State state = run.machine().definition().root().state(run.machine().definition().root().startAt());
    run.checkpoint(state.name(), input, variables);
    Branch branch = Branch.root(run, 0);
    Instant entered = run.now();
    StateContext context = new StateContext(services, blocks, state, branch, entered, input);
    branch.record(state.type() + "StateEntered", Json.object().put("name", state.name()).put("input", Json.write(input)));
    CompletableFuture<Outcome> outcome;
    try {
      outcome = Interpreter.runner(state, context);
    } catch (RuntimeException e) {
      outcome = CompletableFuture.failedFuture(e);
    }
    return outcome.handle((done, failure) -> {
      ObjectNode inspection = inspect ? inspection(state, context, input, run, branch) : null;
      if (failure == null) {
        return new Result("SUCCEEDED", done.output(), null, null, done.next(), inspection);
      }
      Throwable cause = Interpreter.unwrap(failure);
      StatesError error = cause instanceof StatesError e ? e : StatesError.runtime(String.valueOf(cause));
      if (!error.isTerminal()) {
        for (Retrier retrier : retriers(original)) {
          if (retrier.maxAttempts() > 0 && ErrorMatching.matches(retrier.errorEquals(), error)) {
            return new Result("RETRIABLE", null, error.error(), error.cause(), null, inspection);
          }
        }
        for (Catcher catcher : catchers(original)) {
          if (ErrorMatching.matches(catcher.errorEquals(), error)) {
            Bindings bindings = context.bindings().withErrorOutput(error.output());
            JsonNode caught = context.query().caught(catcher, input, error, bindings);
            return new Result("CAUGHT_ERROR", caught, error.error(), error.cause(), catcher.next(), inspection);
          }
        }
      }
      return new Result("FAILED", null, error.error(), error.cause(), null, inspection);
    });
  }

  /** The DEBUG inspection data: the data after each processing step, as the service lists them. */
  private static ObjectNode inspection(State state, StateContext context, JsonNode input, ExecutionRun run, Branch branch) {
    ObjectNode data = Json.object().put("input", Json.write(input));
    try {
      Query query = context.query();
      Bindings bindings = context.bindings();
      JsonNode afterInput = query.input(state.common(), input, bindings);
      JsonNode template = state instanceof State.Task t ? t.parameters() : state instanceof State.Pass p ? p.parameters()
          : state instanceof State.Parallel p ? p.parameters() : null;
      JsonNode afterParameters = query.payload(template, afterInput, bindings);
      if (state.common().jsonata()) {
        data.put("afterArguments", Json.write(afterParameters));
      } else {
        data.put("afterInputPath", Json.write(afterInput)).put("afterParameters", Json.write(afterParameters));
      }
      JsonNode result = taskResult(run);
      if (result == null && state instanceof State.Pass pass) {
        result = pass.result() != null ? pass.result() : afterParameters;
      }
      if (result != null) {
        data.put("result", Json.write(result));
        JsonNode selector = state instanceof State.Task t ? t.resultSelector() : null;
        JsonNode resultPath = state instanceof State.Task t ? t.resultPath() : state instanceof State.Pass p ? p.resultPath() : null;
        if (!state.common().jsonata()) {
          JsonNode selected = query.payload(selector, result, bindings);
          data.put("afterResultSelector", Json.write(selected));
          State.Common withoutOutputPath = new State.Common(state.name(), state.type(), state.common().next(), null, null);
          data.put("afterResultPath", Json.write(query.output(withoutOutputPath, selector, resultPath, input, result, bindings)));
        }
      }
    } catch (RuntimeException e) {
      // a step that failed has no data after it: the error says why
    }
    data.put("variables", Json.write(branch.variables().own()));
    return data;
  }

  private static JsonNode taskResult(ExecutionRun run) {
    List<HistoryEvent> history = run.history();
    for (int i = history.size() - 1; i >= 0; i--) {
      HistoryEvent event = history.get(i);
      if ((event.type().equals("TaskSucceeded") || event.type().equals("LambdaFunctionSucceeded")) && event.details() != null) {
        return Json.parse(event.details().get("output").asText());
      }
    }
    return null;
  }

  private static List<Retrier> retriers(State state) {
    return state instanceof State.Task t ? t.retry() : state instanceof State.Parallel p ? p.retry() : state instanceof State.Map m ? m.retry() : List.of();
  }

  private static List<Catcher> catchers(State state) {
    return state instanceof State.Task t ? t.catchers() : state instanceof State.Parallel p ? p.catchers()
        : state instanceof State.Map m ? m.catchers() : List.of();
  }
}

package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.asl.State;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.query.Bindings;
import io.orderflow.local.sfn.query.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Inline Map states: ItemsPath selects an array, each item (through ItemSelector, with
 * {@code $$.Map.Item.Index/Value}) runs through the ItemProcessor, at most MaxConcurrency at a
 * time (0 = no limit). The output is the array of iteration outputs in item order.
 *
 * <p>Without ToleratedFailureCount/Percentage the first failed iteration fails the state with its
 * own error. With them, failures up to the threshold are tolerated (the failed item's slot in the
 * output holds its error output {@code {"Error","Cause"}}) and going over it fails the state with
 * States.ExceedToleratedFailureThreshold. Either way the iterations still running are aborted.
 */
final class MapRunner implements StateRunner<State.Map> {

  @Override
  public CompletableFuture<Outcome> run(State.Map map, StateContext context) {
    JsonNode effective = context.query().input(map.common(), context.input(), context.bindings());
    return RetryCatch.run(map.retry(), map.catchers(), map.common().next(), context,
        retryCount -> attempt(map, context, effective, retryCount));
  }

  private CompletableFuture<JsonNode> attempt(State.Map map, StateContext context, JsonNode effective, int retryCount) {
    Branch branch = context.branch();
    Query query = context.query();
    Bindings bindings = context.bindings(retryCount, null);
    JsonNode items = map.items() != null ? query.template(map.items(), effective, bindings)
        : map.itemsPath() == null ? effective : query.value(map.itemsPath(), effective, bindings, "ItemsPath");
    if (!items.isArray()) {
      throw StatesError.runtime("Map state '" + map.name() + "': the ItemsPath '" + (map.itemsPath() == null ? "$" : map.itemsPath())
          + "' must select an array, not " + Json.typeName(items));
    }
    Integer maxConcurrency = integer(map.maxConcurrency(), map.maxConcurrencyPath(), effective, query, bindings, "MaxConcurrencyPath");
    Integer toleratedCount = integer(map.toleratedFailureCount(), map.toleratedFailureCountPath(), effective, query, bindings, "ToleratedFailureCountPath");
    Double toleratedPercentage = map.toleratedFailurePercentage();
    if (toleratedPercentage == null && map.toleratedFailurePercentagePath() != null) {
      JsonNode value = query.value(map.toleratedFailurePercentagePath(), effective, bindings, "ToleratedFailurePercentagePath");
      if (!value.isNumber() || value.doubleValue() < 0 || value.doubleValue() > 100) {
        throw StatesError.runtime("ToleratedFailurePercentagePath must reference a number from 0 to 100, not " + Json.write(value));
      }
      toleratedPercentage = value.doubleValue();
    }
    branch.record("MapStateStarted", Json.object().put("length", items.size()));
    Iterations iterations = new Iterations(map, context, (ArrayNode) items, effective, maxConcurrency == null ? 0 : maxConcurrency,
        toleratedCount, toleratedPercentage);
    return iterations.start().handle((result, failure) -> {
      if (failure != null) {
        Throwable cause = Interpreter.unwrap(failure);
        if (cause instanceof StatesError error) {
          branch.record("MapStateFailed", null);
          throw error;
        }
        throw new java.util.concurrent.CompletionException(cause);
      }
      branch.record("MapStateSucceeded", null);
      return context.assign(map.common().assign(), query.payload(map.resultSelector(), result, bindings.withResult(result)), bindings.withResult(result),
          query.output(map.common(), map.resultSelector(), map.resultPath(), context.input(), result, bindings));
    });
  }

  private static Integer integer(Integer fixed, String path, JsonNode input, Query query, Bindings bindings, String field) {
    if (fixed != null || path == null) {
      return fixed;
    }
    JsonNode value = query.value(path, input, bindings, field);
    if (!value.isIntegralNumber() || value.asLong() < 0) {
      throw StatesError.runtime("The " + field + " '" + path + "' must reference a non-negative integer, not " + Json.write(value));
    }
    return value.asInt();
  }

  /** The bookkeeping of one attempt of a Map state. */
  private static final class Iterations {
    private final State.Map map;
    private final StateContext context;
    private final ArrayNode items;
    private final JsonNode effective;
    private final Branch parent;
    private final int maxConcurrency;
    private final Integer toleratedCount;
    private final Double toleratedPercentage;
    private final JsonNode[] outputs;
    private final CancelScope group;
    private final CompletableFuture<JsonNode> all = new CompletableFuture<>();
    private int nextIndex;
    private int running;
    private int finished;
    private int failed;

    Iterations(State.Map map, StateContext context, ArrayNode items, JsonNode effective, int maxConcurrency, Integer toleratedCount, Double toleratedPercentage) {
      this.map = map;
      this.context = context;
      this.items = items;
      this.effective = effective;
      this.parent = context.branch();
      this.maxConcurrency = maxConcurrency;
      this.toleratedCount = toleratedCount;
      this.toleratedPercentage = toleratedPercentage;
      this.outputs = new JsonNode[items.size()];
      this.group = parent.scope().child();
      parent.scope().track(all, () -> {});
      all.whenComplete((v, e) -> parent.scope().release(group));
    }

    CompletableFuture<JsonNode> start() {
      if (items.isEmpty()) {
        all.complete(Json.MAPPER.createArrayNode());
      } else {
        launch();
      }
      return all;
    }

    private void launch() {
      List<Integer> toStart = new ArrayList<>();
      synchronized (this) {
        while (!all.isDone() && nextIndex < items.size() && (maxConcurrency == 0 || running < maxConcurrency)) {
          toStart.add(nextIndex++);
          running++;
        }
      }
      toStart.forEach(this::startIteration);
    }

    private void startIteration(int index) {
      JsonNode item = items.get(index);
      Branch child = parent.mapIteration(group, index, item, map.name());
      child.record("MapIterationStarted", iterationDetails(index));
      CompletableFuture<JsonNode> run;
      try {
        JsonNode itemInput = map.itemSelector() == null ? item.deepCopy()
            : context.query().payload(map.itemSelector(), effective, context.iterationBindings(child));
        run = context.runBlock(map.processor(), itemInput, child);
      } catch (RuntimeException e) {
        run = CompletableFuture.failedFuture(e);
      }
      run.whenComplete((output, failure) -> done(index, child, output, failure));
    }

    private void done(int index, Branch child, JsonNode output, Throwable failure) {
      Throwable cause = failure == null ? null : Interpreter.unwrap(failure);
      if (cause instanceof ExecutionCancelled) {
        child.record("MapIterationAborted", iterationDetails(index));
        return;
      }
      StatesError failFast = null;
      boolean complete;
      synchronized (this) {
        running--;
        finished++;
        if (cause == null) {
          outputs[index] = output;
          child.record("MapIterationSucceeded", iterationDetails(index));
        } else {
          StatesError error = cause instanceof StatesError e ? e : StatesError.runtime(String.valueOf(cause));
          failed++;
          outputs[index] = error.output();
          child.record("MapIterationFailed", iterationDetails(index));
          if (error.isTerminal() || overThreshold()) {
            failFast = error.isTerminal() || (toleratedCount == null && toleratedPercentage == null)
                ? error
                : new StatesError(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD,
                    "The specified tolerated failure threshold was exceeded");
          }
        }
        complete = finished == items.size();
      }
      if (failFast != null) {
        if (all.completeExceptionally(failFast)) {
          group.cancel();
        }
        return;
      }
      if (complete) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (JsonNode o : outputs) {
          array.add(o);
        }
        all.complete(array);
      } else {
        launch();
      }
    }

    private boolean overThreshold() {
      if (toleratedCount == null && toleratedPercentage == null) {
        return true;
      }
      boolean countExceeded = toleratedCount == null || failed > toleratedCount;
      boolean percentageExceeded = toleratedPercentage == null || failed * 100.0 / items.size() > toleratedPercentage;
      // with both set, the Map fails as soon as either threshold is exceeded
      if (toleratedCount != null && toleratedPercentage != null) {
        return countExceeded || percentageExceeded;
      }
      return toleratedCount != null ? countExceeded : percentageExceeded;
    }

    private ObjectNode iterationDetails(int index) {
      return Json.object().put("name", map.name()).put("index", index);
    }
  }
}

package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.asl.State;
import io.orderflow.local.sfn.json.Json;
import java.time.Instant;
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
final class MapRunner {

  private final Interpreter interpreter;

  MapRunner(Interpreter interpreter) {
    this.interpreter = interpreter;
  }

  CompletableFuture<Outcome> run(State.Map map, JsonNode input, Branch branch, Instant entered) {
    JsonNode baseContext = interpreter.context(branch, map, entered, 0, null);
    JsonNode effective = InputOutput.inputPath(map.common().inputPath(), input, baseContext);
    return interpreter
        .retryCatch()
        .run(map.retry(), map.catchers(), map.common().next(), input, branch,
            retryCount -> attempt(map, input, effective, branch, entered, retryCount));
  }

  private CompletableFuture<JsonNode> attempt(State.Map map, JsonNode rawInput, JsonNode effective, Branch branch, Instant entered, int retryCount) {
    JsonNode context = interpreter.context(branch, map, entered, retryCount, null);
    JsonNode items = map.itemsPath() == null ? effective : Interpreter.selectRequired(map.itemsPath(), effective, context, "ItemsPath");
    if (!items.isArray()) {
      throw StatesError.runtime("Map state '" + map.name() + "': the ItemsPath '" + (map.itemsPath() == null ? "$" : map.itemsPath())
          + "' must select an array, not " + Json.typeName(items));
    }
    Integer maxConcurrency = integer(map.maxConcurrency(), map.maxConcurrencyPath(), effective, context, "MaxConcurrencyPath");
    Integer toleratedCount = integer(map.toleratedFailureCount(), map.toleratedFailureCountPath(), effective, context, "ToleratedFailureCountPath");
    Double toleratedPercentage = map.toleratedFailurePercentage();
    if (toleratedPercentage == null && map.toleratedFailurePercentagePath() != null) {
      JsonNode value = Interpreter.selectRequired(map.toleratedFailurePercentagePath(), effective, context, "ToleratedFailurePercentagePath");
      if (!value.isNumber() || value.doubleValue() < 0 || value.doubleValue() > 100) {
        throw StatesError.runtime("ToleratedFailurePercentagePath must reference a number from 0 to 100, not " + Json.write(value));
      }
      toleratedPercentage = value.doubleValue();
    }
    branch.record("MapStateStarted", Json.object().put("length", items.size()));
    Iterations iterations = new Iterations(map, (ArrayNode) items, effective, branch, maxConcurrency == null ? 0 : maxConcurrency,
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
      JsonNode selected = InputOutput.template(map.resultSelector(), result, context);
      JsonNode output = InputOutput.resultPath(map.resultPath(), rawInput, selected);
      return InputOutput.outputPath(map.common().outputPath(), output, context);
    });
  }

  private static Integer integer(Integer fixed, String path, JsonNode input, JsonNode context, String field) {
    if (fixed != null || path == null) {
      return fixed;
    }
    JsonNode value = Interpreter.selectRequired(path, input, context, field);
    if (!value.isIntegralNumber() || value.asLong() < 0) {
      throw StatesError.runtime("The " + field + " '" + path + "' must reference a non-negative integer, not " + Json.write(value));
    }
    return value.asInt();
  }

  /** The bookkeeping of one attempt of a Map state. */
  private final class Iterations {
    private final State.Map map;
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

    Iterations(State.Map map, ArrayNode items, JsonNode effective, Branch parent, int maxConcurrency, Integer toleratedCount, Double toleratedPercentage) {
      this.map = map;
      this.items = items;
      this.effective = effective;
      this.parent = parent;
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
        JsonNode context = interpreter.context(child, map, child.run().now(), 0, null);
        JsonNode itemInput = map.itemSelector() == null ? item.deepCopy() : InputOutput.template(map.itemSelector(), effective, context);
        run = interpreter.runBlock(map.processor(), itemInput, child);
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
          outputs[index] = InputOutput.errorOutput(error);
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

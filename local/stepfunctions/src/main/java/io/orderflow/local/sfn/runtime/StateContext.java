package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.asl.State;
import io.orderflow.local.sfn.asl.StatesBlock;
import io.orderflow.local.sfn.clock.EngineClock;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.query.Bindings;
import io.orderflow.local.sfn.query.JsonPathQuery;
import io.orderflow.local.sfn.query.JsonataQuery;
import io.orderflow.local.sfn.query.Query;
import io.orderflow.local.sfn.tasks.TaskResource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;

/**
 * What one visit of a state runs against: its raw input, its query language, the context object,
 * its line of the history, engine time, and the one way to run nested blocks. A state sees
 * nothing else of the engine (no other state, no other execution).
 */
final class StateContext {

  /** Runs a nested block (a Parallel branch, a Map iteration) to its end on a child branch. */
  interface Blocks {
    CompletableFuture<JsonNode> run(StatesBlock block, JsonNode input, Branch branch);
  }

  static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Services services;
  private final Blocks blocks;
  private final State state;
  private final Branch branch;
  private final Instant entered;
  private final JsonNode input;

  StateContext(Services services, Blocks blocks, State state, Branch branch, Instant entered, JsonNode input) {
    this.services = services;
    this.blocks = blocks;
    this.state = state;
    this.branch = branch;
    this.entered = entered;
    this.input = input;
  }

  /** The state's input as it arrived, before any input processing. */
  JsonNode input() {
    return input;
  }

  Query query() {
    return state.common().jsonata() ? JsonataQuery.INSTANCE : JsonPathQuery.INSTANCE;
  }

  /** The bindings of an attempt ({@code retryCount} retries so far, a task token or null). */
  Bindings bindings(int retryCount, String taskToken) {
    return new Bindings(contextObject(branch, retryCount, taskToken), branch.variables().visible(), input, null, null);
  }

  /**
   * Ends a state's work: evaluates its {@code assign} (against the same bindings its output was
   * evaluated with, so neither sees the other) and only then gives the variables their values.
   * {@code document} is what JSONPath's {@code $} means in the Assign.
   *
   * @return {@code output}
   */
  JsonNode assign(JsonNode assign, JsonNode document, Bindings bindings, JsonNode output) {
    if (assign != null) {
      branch.variables().assign(query().assign(assign, document, bindings));
    }
    return output;
  }

  Bindings bindings() {
    return bindings(0, null);
  }

  /** The context object ($$) as the state sees it; a Map iteration sees its own item. */
  private JsonNode contextObject(Branch seenBy, int retryCount, String taskToken) {
    ExecutionRun run = seenBy.run();
    ObjectNode context = Json.object();
    ObjectNode execution = context.putObject("Execution");
    execution.put("Id", run.arn());
    execution.set("Input", run.input());
    execution.put("Name", run.name());
    execution.put("RoleArn", run.machine().roleArn());
    execution.put("StartTime", ISO_MILLIS.format(run.startDate()));
    execution.put("RedriveCount", run.redriveCount());
    context.putObject("StateMachine").put("Id", run.machine().arn()).put("Name", run.machine().name());
    ObjectNode stateObject = context.putObject("State").put("EnteredTime", ISO_MILLIS.format(entered)).put("Name", state.name());
    if (state instanceof State.Task || state instanceof State.Parallel || state instanceof State.Map) {
      stateObject.put("RetryCount", retryCount); // only states that can retry have one; a Pass state's $$.State has none
    }
    if (taskToken != null) {
      context.putObject("Task").put("Token", taskToken);
    }
    if (seenBy.mapIndex() != null) {
      ObjectNode item = context.putObject("Map").putObject("Item");
      item.put("Index", seenBy.mapIndex());
      item.set("Value", seenBy.mapValue());
    }
    return context;
  }

  /** The bindings of a Map iteration's ItemSelector: this state's, with the iteration's {@code $$.Map.Item}. */
  Bindings iterationBindings(Branch iteration) {
    return new Bindings(contextObject(iteration, 0, null), branch.variables().visible(), input, null, null);
  }

  Branch branch() {
    return branch;
  }

  long record(String type, ObjectNode details) {
    return branch.record(type, details);
  }

  CompletableFuture<JsonNode> runBlock(StatesBlock block, JsonNode blockInput, Branch child) {
    return blocks.run(block, blockInput, child);
  }

  Instant now() {
    return services.clock().now();
  }

  EngineClock clock() {
    return services.clock();
  }

  /** Runs {@code action} on the engine's executor (a timer's callback must not run on the clock's thread). */
  void execute(Runnable action) {
    services.executor().execute(action);
  }

  TaskTokens tokens() {
    return services.tokens();
  }

  TaskResource resource(String arn) {
    return services.resources().apply(arn);
  }

  String region() {
    return services.region();
  }

  /** Waits {@code delay} of engine time without holding a thread; cancelled with the branch. */
  CompletableFuture<Void> sleep(Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> woken = new CompletableFuture<>();
    EngineClock.Scheduled timer = services.clock().schedule(delay, () -> services.executor().execute(() -> woken.complete(null)));
    branch.scope().track(woken, timer::cancel);
    return woken;
  }
}

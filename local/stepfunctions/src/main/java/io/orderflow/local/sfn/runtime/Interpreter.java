package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.ExecutionStatus;
import io.orderflow.local.sfn.asl.ChoiceRules;
import io.orderflow.local.sfn.asl.State;
import io.orderflow.local.sfn.asl.StatesBlock;
import io.orderflow.local.sfn.clock.EngineClock;
import io.orderflow.local.sfn.json.Intrinsics;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.json.JsonPaths;
import io.orderflow.local.sfn.tasks.TaskResource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Runs executions state by state. Each state returns a future of its {@link Outcome}; the next
 * state is then scheduled on the executor, so nothing blocks while an execution waits (Wait
 * states, retry intervals and task tokens are clock timers and futures) and long loops never
 * deepen the stack.
 */
public final class Interpreter {

  static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final EngineClock clock;
  private final Executor executor;
  private final TaskTokens tokens;
  private final Function<String, TaskResource> resources;
  private final String region;
  private final RetryCatch retryCatch = new RetryCatch(this);
  private final TaskRunner taskRunner = new TaskRunner(this);
  private final ParallelRunner parallelRunner = new ParallelRunner(this);
  private final MapRunner mapRunner = new MapRunner(this);

  public Interpreter(EngineClock clock, Executor executor, TaskTokens tokens, Function<String, TaskResource> resources, String region) {
    this.clock = clock;
    this.executor = executor;
    this.tokens = tokens;
    this.resources = resources;
    this.region = region;
  }

  /** Records ExecutionStarted now and runs the execution in the background. */
  public void start(ExecutionRun run) {
    Branch root = Branch.root(run, 0);
    ObjectNode started = Json.object().put("input", run.inputText());
    started.set("inputDetails", Json.object().put("truncated", false));
    started.put("roleArn", run.machine().roleArn());
    root.record("ExecutionStarted", started);
    runTopLevel(run, root);
  }

  /**
   * Goes on with a running execution a restarted engine got back: the state it was in is entered
   * again with the same input, so a task in flight when the engine stopped runs once more (the
   * at-least-once delivery every task already has to tolerate) and a callback task hands out a
   * new token. Its history continues where it stopped.
   */
  public void resume(ExecutionRun run) {
    runTopLevel(run, Branch.root(run, run.history().size()));
  }

  /**
   * Runs a redriven execution on from its checkpoint (the state that failed, with the same input);
   * {@link ExecutionRun#redrive()} has reopened it and recorded ExecutionRedriven.
   */
  public void redrive(ExecutionRun run) {
    runTopLevel(run, Branch.root(run, run.historySize()));
  }

  private void runTopLevel(ExecutionRun run, Branch root) {
    Integer timeout = run.machine().definition().timeoutSeconds();
    if (timeout != null) {
      Duration left = Duration.ofSeconds(timeout).minus(Duration.between(run.runningSince(), clock.now()));
      EngineClock.Scheduled timer =
          clock.schedule(
              left.isNegative() ? Duration.ZERO : left,
              () -> executor.execute(() -> run.finish(ExecutionStatus.TIMED_OUT, "ExecutionTimedOut",
                  Json.object().put("error", StatesError.TIMEOUT).put("cause", "The execution timed out after " + timeout + " seconds"),
                  null, StatesError.TIMEOUT, "The execution timed out after " + timeout + " seconds")));
      run.onFinish(timer::cancel);
    }
    ExecutionRun.Checkpoint from = run.checkpoint();
    executor.execute(
        () ->
            runBlock(run.machine().definition().root(), from.state(), from.input(), root)
                .whenComplete((output, failure) -> finish(run, output, failure)));
  }

  private static void finish(ExecutionRun run, JsonNode output, Throwable failure) {
    if (failure == null) {
      String text = Json.write(output);
      ObjectNode details = Json.object().put("output", text);
      details.set("outputDetails", Json.object().put("truncated", false));
      run.finish(ExecutionStatus.SUCCEEDED, "ExecutionSucceeded", details, text, null, null);
      return;
    }
    Throwable cause = unwrap(failure);
    if (cause instanceof ExecutionCancelled) {
      return; // stopped or timed out: the terminal event is already recorded
    }
    StatesError error =
        cause instanceof StatesError e ? e : StatesError.runtime("Internal error in the local engine: " + cause);
    ObjectNode details = Json.object();
    if (error.error() != null) {
      details.put("error", error.error());
    }
    if (error.cause() != null) {
      details.put("cause", error.cause());
    }
    run.finish(ExecutionStatus.FAILED, "ExecutionFailed", details, null, error.error(), error.cause());
  }

  /** Runs a block (the machine, a Parallel branch, a Map iteration) to its end. */
  CompletableFuture<JsonNode> runBlock(StatesBlock block, JsonNode input, Branch branch) {
    return runBlock(block, block.startAt(), input, branch);
  }

  private CompletableFuture<JsonNode> runBlock(StatesBlock block, String from, JsonNode input, Branch branch) {
    CompletableFuture<JsonNode> done = new CompletableFuture<>();
    branch.run().activeBranches.add(branch);
    done.whenComplete((v, e) -> branch.run().activeBranches.remove(branch));
    step(block, from, input, branch, done);
    return done;
  }

  private void step(StatesBlock block, String name, JsonNode input, Branch branch, CompletableFuture<JsonNode> done) {
    try {
      if (branch.scope().isCancelled() || branch.run().isClosed()) {
        done.completeExceptionally(new ExecutionCancelled());
        return;
      }
      State state = block.state(name);
      if (branch.depth() == 0) {
        branch.run().checkpoint(name, input);
      }
      branch.enter(state);
      Instant entered = branch.run().now();
      ObjectNode details = Json.object().put("name", name).put("input", Json.write(input));
      details.set("inputDetails", Json.object().put("truncated", false));
      branch.record(state.type() + "StateEntered", details);
      CompletableFuture<Outcome> outcome;
      try {
        outcome = runState(state, input, branch, entered);
      } catch (RuntimeException e) {
        outcome = CompletableFuture.failedFuture(e);
      }
      outcome.whenComplete(
          (result, failure) -> {
            try {
              if (failure != null) {
                done.completeExceptionally(unwrap(failure));
                return;
              }
              ObjectNode exited = Json.object().put("name", name).put("output", Json.write(result.output()));
              exited.set("outputDetails", Json.object().put("truncated", false));
              branch.record(state.type() + "StateExited", exited);
              branch.enter(null);
              if (result.next() == null) {
                done.complete(result.output());
              } else {
                if (branch.depth() == 0) {
                  branch.run().checkpoint(result.next(), result.output());
                }
                executor.execute(() -> step(block, result.next(), result.output(), branch, done));
              }
            } catch (RuntimeException e) {
              done.completeExceptionally(e);
            }
          });
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
  }

  private CompletableFuture<Outcome> runState(State state, JsonNode input, Branch branch, Instant entered) {
    if (state instanceof State.Task task) {
      return taskRunner.run(task, input, branch, entered);
    }
    if (state instanceof State.Parallel parallel) {
      return parallelRunner.run(parallel, input, branch, entered);
    }
    if (state instanceof State.Map map) {
      return mapRunner.run(map, input, branch, entered);
    }
    JsonNode context = context(branch, state, entered, 0, null);
    JsonNode effective = InputOutput.inputPath(state.common().inputPath(), input, context);
    String next = state.common().next();
    if (state instanceof State.Pass pass) {
      JsonNode result = pass.result() != null ? pass.result().deepCopy() : InputOutput.template(pass.parameters(), effective, context);
      JsonNode output = InputOutput.resultPath(pass.resultPath(), input, result);
      return done(InputOutput.outputPath(pass.common().outputPath(), output, context), next);
    }
    if (state instanceof State.Succeed) {
      return done(InputOutput.outputPath(state.common().outputPath(), effective, context), null);
    }
    if (state instanceof State.Choice choice) {
      for (JsonNode rule : choice.choices()) {
        if (ChoiceRules.matches(rule, effective, context)) {
          return done(InputOutput.outputPath(state.common().outputPath(), effective, context), rule.get("Next").textValue());
        }
      }
      if (choice.defaultState() != null) {
        return done(InputOutput.outputPath(state.common().outputPath(), effective, context), choice.defaultState());
      }
      throw new StatesError(StatesError.NO_CHOICE_MATCHED,
          "No Matches! in Choice state '" + state.name() + "' for input " + Json.write(effective));
    }
    if (state instanceof State.Wait wait) {
      Duration delay = waitDelay(wait, effective, context);
      JsonNode output = InputOutput.outputPath(state.common().outputPath(), effective, context);
      return sleep(branch, delay).thenApply(v -> new Outcome(output, next));
    }
    if (state instanceof State.Fail fail) {
      String error = fail.errorPath() != null ? dynamicString(fail.errorPath(), input, context, "ErrorPath") : fail.error();
      String cause = fail.causePath() != null ? dynamicString(fail.causePath(), input, context, "CausePath") : fail.cause();
      throw new StatesError(error, cause);
    }
    throw new IllegalStateException("unknown state type " + state.type());
  }

  private static CompletableFuture<Outcome> done(JsonNode output, String next) {
    return CompletableFuture.completedFuture(new Outcome(output, next));
  }

  private Duration waitDelay(State.Wait wait, JsonNode input, JsonNode context) {
    if (wait.seconds() != null) {
      return Duration.ofSeconds(wait.seconds());
    }
    if (wait.secondsPath() != null) {
      JsonNode value = selectRequired(wait.secondsPath(), input, context, "SecondsPath");
      if (!value.isIntegralNumber() || value.asLong() < 0) {
        throw StatesError.runtime("The SecondsPath parameter does not reference a valid non-negative integer: " + Json.write(value));
      }
      return Duration.ofSeconds(value.asLong());
    }
    Instant target;
    if (wait.timestamp() != null) {
      target = ChoiceRules.timestamp(Json.MAPPER.getNodeFactory().textNode(wait.timestamp()));
    } else {
      JsonNode value = selectRequired(wait.timestampPath(), input, context, "TimestampPath");
      target = ChoiceRules.timestamp(value);
      if (target == null) {
        throw StatesError.runtime("The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: " + Json.write(value));
      }
    }
    Duration delay = Duration.between(clock.now(), target);
    return delay.isNegative() ? Duration.ZERO : delay;
  }

  /** A path that must match: States.Runtime otherwise. */
  static JsonNode selectRequired(String path, JsonNode input, JsonNode context, String field) {
    return JsonPaths.find(path, input, context)
        .orElseThrow(() -> StatesError.runtime("Invalid path '" + path + "' for " + field + ": no results in '" + Json.write(input) + "'"));
  }

  private static String dynamicString(String expression, JsonNode input, JsonNode context, String field) {
    JsonNode value =
        Intrinsics.isInvocation(expression)
            ? Intrinsics.evaluate(expression, input, context)
            : selectRequired(expression, input, context, field);
    if (!value.isTextual()) {
      throw StatesError.runtime("The " + field + " '" + expression + "' must resolve to a string, not " + Json.write(value));
    }
    return value.textValue();
  }

  /** Waits {@code delay} of engine time without holding a thread; cancelled with the branch. */
  CompletableFuture<Void> sleep(Branch branch, Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> woken = new CompletableFuture<>();
    EngineClock.Scheduled timer = clock.schedule(delay, () -> executor.execute(() -> woken.complete(null)));
    branch.scope().track(woken, timer::cancel);
    return woken;
  }

  /** The context object ($$) as seen by {@code state}. */
  JsonNode context(Branch branch, State state, Instant entered, int retryCount, String taskToken) {
    ExecutionRun run = branch.run();
    ObjectNode context = Json.object();
    ObjectNode execution = context.putObject("Execution");
    execution.put("Id", run.arn());
    execution.set("Input", run.input());
    execution.put("Name", run.name());
    execution.put("RoleArn", run.machine().roleArn());
    execution.put("StartTime", ISO_MILLIS.format(run.startDate()));
    execution.put("RedriveCount", run.redriveCount());
    context.putObject("StateMachine").put("Id", run.machine().arn()).put("Name", run.machine().name());
    context.putObject("State").put("EnteredTime", ISO_MILLIS.format(entered)).put("Name", state.name()).put("RetryCount", retryCount);
    if (taskToken != null) {
      context.putObject("Task").put("Token", taskToken);
    }
    if (branch.mapIndex() != null) {
      ObjectNode item = context.putObject("Map").putObject("Item");
      item.put("Index", branch.mapIndex());
      item.set("Value", branch.mapValue());
    }
    return context;
  }

  static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  EngineClock clock() {
    return clock;
  }

  Executor executor() {
    return executor;
  }

  TaskTokens tokens() {
    return tokens;
  }

  TaskResource resource(String arn) {
    return resources.apply(arn);
  }

  String region() {
    return region;
  }

  RetryCatch retryCatch() {
    return retryCatch;
  }
}

package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.ExecutionStatus;
import io.orderflow.local.sfn.asl.State;
import io.orderflow.local.sfn.asl.StatesBlock;
import io.orderflow.local.sfn.clock.EngineClock;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.tasks.TaskResource;
import java.time.Duration;
import java.time.Instant;
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

  private static final TaskRunner TASK = new TaskRunner();
  private static final ParallelRunner PARALLEL = new ParallelRunner();
  private static final MapRunner MAP = new MapRunner();
  private static final PassRunner PASS = new PassRunner();
  private static final ChoiceRunner CHOICE = new ChoiceRunner();
  private static final WaitRunner WAIT = new WaitRunner();
  private static final SucceedRunner SUCCEED = new SucceedRunner();
  private static final FailRunner FAIL = new FailRunner();

  private final EngineClock clock;
  private final Executor executor;
  private final Services services;

  public Interpreter(EngineClock clock, Executor executor, TaskTokens tokens, Function<String, TaskResource> resources, String region) {
    this.clock = clock;
    this.executor = executor;
    this.services = new Services(clock, executor, tokens, resources, region);
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
  private CompletableFuture<JsonNode> runBlock(StatesBlock block, JsonNode input, Branch branch) {
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
        branch.run().checkpoint(name, input, branch.variables().own());
      }
      branch.enter(state);
      Instant entered = branch.run().now();
      ObjectNode details = Json.object().put("name", name).put("input", Json.write(input));
      details.set("inputDetails", Json.object().put("truncated", false));
      long enteredEventId = branch.record(state.type() + "StateEntered", details);
      CompletableFuture<Outcome> outcome;
      try {
        checkSize(input, "The input of the state '" + name + "'");
        outcome = runState(state, input, branch, entered);
      } catch (RuntimeException e) {
        outcome = CompletableFuture.failedFuture(e);
      }
      outcome.whenComplete(
          (result, failure) -> {
            try {
              if (failure != null) {
                done.completeExceptionally(located(unwrap(failure), name, enteredEventId));
                return;
              }
              checkSize(result.output(), "The state/task '" + name + "' returned a result");
              ObjectNode exited = Json.object().put("name", name).put("output", Json.write(result.output()));
              exited.set("outputDetails", Json.object().put("truncated", false));
              branch.record(state.type() + "StateExited", exited);
              branch.enter(null);
              if (result.next() == null) {
                done.complete(result.output());
              } else {
                if (branch.depth() == 0) {
                  branch.run().checkpoint(result.next(), result.output(), branch.variables().own());
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

  /** Runs single states for TestState, on this interpreter's services. */
  public StateTester tester() {
    return new StateTester(services, this::runBlock);
  }

  /** The state evaluates itself against a context made for this visit. */
  private CompletableFuture<Outcome> runState(State state, JsonNode input, Branch branch, Instant entered) {
    return runner(state, new StateContext(services, this::runBlock, state, branch, entered, input));
  }

  static CompletableFuture<Outcome> runner(State state, StateContext context) {
    if (state instanceof State.Task task) {
      return TASK.run(task, context);
    }
    if (state instanceof State.Parallel parallel) {
      return PARALLEL.run(parallel, context);
    }
    if (state instanceof State.Map map) {
      return MAP.run(map, context);
    }
    if (state instanceof State.Pass pass) {
      return PASS.run(pass, context);
    }
    if (state instanceof State.Choice choice) {
      return CHOICE.run(choice, context);
    }
    if (state instanceof State.Wait wait) {
      return WAIT.run(wait, context);
    }
    if (state instanceof State.Succeed succeed) {
      return SUCCEED.run(succeed, context);
    }
    if (state instanceof State.Fail fail) {
      return FAIL.run(fail, context);
    }
    throw new IllegalStateException("unknown state type " + state.type());
  }

  /** AWS's payload limit: a state's input or output of more than 256 KiB is States.DataLimitExceeded. */
  static final int MAX_PAYLOAD_BYTES = 256 * 1024;

  private static void checkSize(JsonNode payload, String what) {
    if (Json.write(payload).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
      throw new StatesError(StatesError.DATA_LIMIT_EXCEEDED,
          what + " with a size exceeding the maximum number of bytes service limit.");
    }
  }

  /**
   * Errors of the engine's own evaluation (a path that selects nothing, a bad intrinsic or
   * JSONata argument) say which state failed, as AWS words them:
   * {@code An error occurred while executing the state 'X' (entered at the event id #N). ...}
   */
  private static Throwable located(Throwable failure, String state, long enteredEventId) {
    if (failure instanceof StatesError error
        && (StatesError.RUNTIME.equals(error.error()) || StatesError.INTRINSIC_FAILURE.equals(error.error())
            || "States.QueryEvaluationError".equals(error.error()))
        && (error.cause() == null || !error.cause().startsWith(LOCATED))) {
      return new StatesError(error.error(), LOCATED + " the state '" + state + "' (entered at the event id #" + enteredEventId + "). "
          + (error.cause() == null ? "" : error.cause()));
    }
    return failure;
  }

  private static final String LOCATED = "An error occurred while executing";

  static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}

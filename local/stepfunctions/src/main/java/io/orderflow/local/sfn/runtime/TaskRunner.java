package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.asl.State;
import io.orderflow.local.sfn.clock.EngineClock;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.tasks.TaskResource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Task states: one attempt = Parameters → TaskScheduled → TaskStarted → the call (and for
 * {@code .waitForTaskToken} TaskSubmitted, then the token) → TaskSucceeded/Failed/TimedOut →
 * ResultSelector → ResultPath → OutputPath. TimeoutSeconds runs from scheduling to the result;
 * HeartbeatSeconds applies to callback tasks and restarts on every SendTaskHeartbeat.
 */
final class TaskRunner {

  private final Interpreter interpreter;

  TaskRunner(Interpreter interpreter) {
    this.interpreter = interpreter;
  }

  CompletableFuture<Outcome> run(State.Task task, JsonNode input, Branch branch, Instant entered) {
    JsonNode baseContext = interpreter.context(branch, task, entered, 0, null);
    JsonNode effective = InputOutput.inputPath(task.common().inputPath(), input, baseContext);
    return interpreter
        .retryCatch()
        .run(task.retry(), task.catchers(), task.common().next(), input, branch,
            retryCount -> attempt(task, input, effective, branch, entered, retryCount));
  }

  private CompletableFuture<JsonNode> attempt(State.Task task, JsonNode rawInput, JsonNode effective, Branch branch, Instant entered, int retryCount) {
    TaskResource resource = interpreter.resource(task.resource());
    String token = resource.waitsForTaskToken() ? interpreter.tokens().newToken() : null;
    JsonNode context = interpreter.context(branch, task, entered, retryCount, token);
    JsonNode parameters = InputOutput.template(task.parameters(), effective, context);
    Integer timeout = seconds(task.timeoutSeconds(), task.timeoutSecondsPath(), effective, context, "TimeoutSecondsPath");
    Integer heartbeat = seconds(task.heartbeatSeconds(), task.heartbeatSecondsPath(), effective, context, "HeartbeatSecondsPath");
    Events events = new Events(branch, task, resource);

    events.scheduled(parameters, timeout, heartbeat, interpreter.region());
    events.started();

    CompletableFuture<JsonNode> outcome = new CompletableFuture<>();
    EngineClock clock = interpreter.clock();
    AtomicReference<EngineClock.Scheduled> heartbeatTimer = new AtomicReference<>();
    EngineClock.Scheduled timeoutTimer =
        timeout == null ? null : clock.schedule(Duration.ofSeconds(timeout), () -> interpreter.executor().execute(() -> outcome.completeExceptionally(
            new StatesError(StatesError.TIMEOUT, "The task timed out after " + timeout + " seconds"))));

    TaskTokens.Waiter waiter = null;
    if (token != null) {
      waiter = interpreter.tokens().open(token);
      branch.run().openTokens.add(token);
      if (heartbeat != null) {
        Runnable restart = () -> {
          EngineClock.Scheduled previous = heartbeatTimer.getAndSet(clock.schedule(Duration.ofSeconds(heartbeat),
              () -> interpreter.executor().execute(() -> outcome.completeExceptionally(new StatesError(StatesError.HEARTBEAT_TIMEOUT,
                  "The task did not send a heartbeat for " + heartbeat + " seconds")))));
          if (previous != null) {
            previous.cancel();
          }
        };
        waiter.onHeartbeat = restart;
        restart.run();
      }
      waiter.result.whenComplete((result, failure) -> complete(outcome, result, failure));
    }

    CompletableFuture<JsonNode> call;
    try {
      call = resource.call(parameters);
    } catch (RuntimeException e) {
      call = CompletableFuture.failedFuture(e);
    }
    if (token == null) {
      call.whenComplete((result, failure) -> complete(outcome, result, failure));
    } else {
      call.whenComplete((submitted, failure) -> {
        if (failure != null) {
          outcome.completeExceptionally(Interpreter.unwrap(failure));
        } else if (!outcome.isDone()) {
          events.submitted(submitted);
        }
      });
    }
    branch.scope().track(outcome, () -> {});

    return outcome
        .handle((result, failure) -> {
          if (timeoutTimer != null) {
            timeoutTimer.cancel();
          }
          EngineClock.Scheduled hb = heartbeatTimer.get();
          if (hb != null) {
            hb.cancel();
          }
          if (token != null) {
            interpreter.tokens().close(token);
            branch.run().openTokens.remove(token);
          }
          if (failure != null) {
            Throwable cause = Interpreter.unwrap(failure);
            StatesError error = cause instanceof StatesError e ? e : cause instanceof ExecutionCancelled ? null
                : new StatesError(StatesError.TASK_FAILED, String.valueOf(cause));
            if (error == null) {
              throw new java.util.concurrent.CompletionException(cause);
            }
            events.failed(error);
            throw error;
          }
          events.succeeded(result);
          JsonNode selected = InputOutput.template(task.resultSelector(), result, context);
          JsonNode output = InputOutput.resultPath(task.resultPath(), rawInput, selected);
          return InputOutput.outputPath(task.common().outputPath(), output, context);
        });
  }

  private static void complete(CompletableFuture<JsonNode> outcome, JsonNode result, Throwable failure) {
    if (failure != null) {
      outcome.completeExceptionally(Interpreter.unwrap(failure));
    } else {
      outcome.complete(result);
    }
  }

  private static Integer seconds(Integer fixed, String path, JsonNode input, JsonNode context, String field) {
    if (fixed != null) {
      return fixed;
    }
    if (path == null) {
      return null;
    }
    JsonNode value = Interpreter.selectRequired(path, input, context, field);
    if (!value.isIntegralNumber() || value.asLong() < 1) {
      throw StatesError.runtime("The " + field + " '" + path + "' must reference a positive integer, not " + Json.write(value));
    }
    return value.asInt();
  }

  /** The history events of one attempt, in the Task* or LambdaFunction* flavour. */
  private static final class Events {
    private final Branch branch;
    private final State.Task task;
    private final TaskResource resource;
    private final boolean lambdaFunction;

    Events(Branch branch, State.Task task, TaskResource resource) {
      this.branch = branch;
      this.task = task;
      this.resource = resource;
      this.lambdaFunction = resource.reportsAsLambdaFunction();
    }

    private ObjectNode base() {
      return lambdaFunction
          ? Json.object()
          : Json.object().put("resourceType", resource.resourceType()).put("resource", resource.resourceName());
    }

    void scheduled(JsonNode parameters, Integer timeout, Integer heartbeat, String region) {
      ObjectNode details;
      if (lambdaFunction) {
        details = Json.object().put("resource", task.resource()).put("input", Json.write(parameters));
        details.set("inputDetails", Json.object().put("truncated", false));
      } else {
        details = base().put("region", region).put("parameters", Json.write(parameters));
      }
      if (timeout != null) {
        details.put("timeoutInSeconds", timeout);
      }
      if (heartbeat != null && !lambdaFunction) {
        details.put("heartbeatInSeconds", heartbeat);
      }
      branch.record(lambdaFunction ? "LambdaFunctionScheduled" : "TaskScheduled", details);
    }

    void started() {
      branch.record(lambdaFunction ? "LambdaFunctionStarted" : "TaskStarted", lambdaFunction ? null : base());
    }

    void submitted(JsonNode output) {
      ObjectNode details = base().put("output", Json.write(output));
      details.set("outputDetails", Json.object().put("truncated", false));
      branch.record("TaskSubmitted", details);
    }

    void succeeded(JsonNode result) {
      ObjectNode details = base().put("output", Json.write(result));
      details.set("outputDetails", Json.object().put("truncated", false));
      branch.record(lambdaFunction ? "LambdaFunctionSucceeded" : "TaskSucceeded", details);
    }

    void failed(StatesError error) {
      boolean timedOut = StatesError.TIMEOUT.equals(error.error()) || StatesError.HEARTBEAT_TIMEOUT.equals(error.error());
      ObjectNode details = base();
      if (error.error() != null) {
        details.put("error", error.error());
      }
      if (error.cause() != null) {
        details.put("cause", error.cause());
      }
      String type = lambdaFunction
          ? (timedOut ? "LambdaFunctionTimedOut" : "LambdaFunctionFailed")
          : (timedOut ? "TaskTimedOut" : "TaskFailed");
      branch.record(type, details);
    }
  }
}

package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.asl.State;
import io.orderflow.local.sfn.clock.EngineClock;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.query.Bindings;
import io.orderflow.local.sfn.query.Query;
import io.orderflow.local.sfn.tasks.TaskResource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Task states: one attempt = Parameters → TaskScheduled → TaskStarted → the call (and for
 * {@code .waitForTaskToken} TaskSubmitted, then the token) → TaskSucceeded/Failed/TimedOut →
 * ResultSelector → ResultPath → OutputPath. TimeoutSeconds runs from scheduling to the result;
 * HeartbeatSeconds applies to callback tasks and restarts on every SendTaskHeartbeat.
 */
final class TaskRunner implements StateRunner<State.Task> {

  @Override
  public CompletableFuture<Outcome> run(State.Task task, StateContext context) {
    JsonNode effective = context.query().input(task.common(), context.input(), context.bindings());
    return RetryCatch.run(task.retry(), task.catchers(), task.common().next(), context,
        retryCount -> attempt(task, context, effective, retryCount));
  }

  private CompletableFuture<JsonNode> attempt(State.Task task, StateContext context, JsonNode effective, int retryCount) {
    Branch branch = context.branch();
    Query query = context.query();
    TaskResource resource = context.resource(task.resource());
    String token = resource.waitsForTaskToken() ? context.tokens().newToken() : null;
    Bindings bindings = context.bindings(retryCount, token);
    JsonNode parameters = query.payload(task.parameters(), effective, bindings);
    Integer timeout = seconds(task.timeoutSeconds(), task.timeoutSecondsPath(), effective, query, bindings, "TimeoutSecondsPath");
    Integer heartbeat = seconds(task.heartbeatSeconds(), task.heartbeatSecondsPath(), effective, query, bindings, "HeartbeatSecondsPath");
    Events events = new Events(branch, task, resource);

    events.scheduled(parameters, timeout, heartbeat, context.region());
    events.started();

    CompletableFuture<JsonNode> outcome = new CompletableFuture<>();
    EngineClock clock = context.clock();
    AtomicReference<EngineClock.Scheduled> heartbeatTimer = new AtomicReference<>();
    EngineClock.Scheduled timeoutTimer =
        timeout == null ? null : clock.schedule(Duration.ofSeconds(timeout), () -> context.execute(() -> outcome.completeExceptionally(
            new StatesError(StatesError.TIMEOUT, "The task timed out after " + timeout + " seconds"))));

    TaskTokens.Waiter waiter = null;
    if (token != null) {
      waiter = context.tokens().open(token);
      branch.run().openTokens.add(token);
      if (heartbeat != null) {
        Runnable restart = () -> {
          EngineClock.Scheduled previous = heartbeatTimer.getAndSet(clock.schedule(Duration.ofSeconds(heartbeat),
              () -> context.execute(() -> outcome.completeExceptionally(new StatesError(StatesError.HEARTBEAT_TIMEOUT,
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
            context.tokens().close(token);
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
          return context.assign(task.common().assign(), query.payload(task.resultSelector(), result, bindings.withResult(result)), bindings.withResult(result),
              query.output(task.common(), task.resultSelector(), task.resultPath(), context.input(), result, bindings));
        });
  }

  private static void complete(CompletableFuture<JsonNode> outcome, JsonNode result, Throwable failure) {
    if (failure != null) {
      outcome.completeExceptionally(Interpreter.unwrap(failure));
    } else {
      outcome.complete(result);
    }
  }

  private static Integer seconds(Integer fixed, String path, JsonNode input, Query query, Bindings bindings, String field) {
    if (fixed != null) {
      return fixed;
    }
    if (path == null) {
      return null;
    }
    JsonNode value = query.value(path, input, bindings, field);
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

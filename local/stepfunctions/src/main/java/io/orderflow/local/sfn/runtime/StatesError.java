package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.json.Json;

/**
 * An error raised while running a state, named as Step Functions names it ("States.Timeout",
 * "Lambda.ResourceNotFoundException", "com.acme.OutOfStock", ...). Retriers and catchers match on
 * {@link #error()}; the error output a catcher passes on is {@code {"Error", "Cause"}}.
 */
public final class StatesError extends RuntimeException {

  public static final String ALL = "States.ALL";
  public static final String RUNTIME = "States.Runtime";
  public static final String TIMEOUT = "States.Timeout";
  public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
  public static final String TASK_FAILED = "States.TaskFailed";
  public static final String PERMISSIONS = "States.Permissions";
  public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
  public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
  public static final String BRANCH_FAILED = "States.BranchFailed";
  public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
  public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
  public static final String EXCEED_TOLERATED_FAILURE_THRESHOLD =
      "States.ExceedToleratedFailureThreshold";
  public static final String ITEM_READER_FAILED = "States.ItemReaderFailed";
  public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";

  private final String error;
  private final String cause;

  public StatesError(String error, String cause) {
    super(error + ": " + cause, null, false, false);
    this.error = error;
    this.cause = cause;
  }

  public static StatesError runtime(String cause) {
    return new StatesError(RUNTIME, cause);
  }

  /** The error output a catcher passes on: {@code {"Error": ..., "Cause": ...}}. */
  public ObjectNode output() {
    ObjectNode node = Json.object().put("Error", error);
    if (cause != null) {
      node.put("Cause", cause);
    }
    return node;
  }

  public String error() {
    return error;
  }

  public String cause() {
    return cause;
  }

  /**
   * AWS documents that States.ALL "can't catch the States.DataLimitExceeded terminal error or
   * the Runtime error type"; neither can any other retrier or catcher: these always fail the
   * execution.
   */
  public boolean isTerminal() {
    return RUNTIME.equals(error) || DATA_LIMIT_EXCEEDED.equals(error);
  }
}

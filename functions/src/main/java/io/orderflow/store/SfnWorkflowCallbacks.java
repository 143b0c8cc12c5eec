package io.orderflow.store;

import io.orderflow.order.WorkflowCallbacks;
import io.orderflow.platform.Json;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** Resumes or fails a waiting task with SendTaskSuccess / SendTaskFailure. */
public final class SfnWorkflowCallbacks implements WorkflowCallbacks {

  private final SfnClient sfn;

  public SfnWorkflowCallbacks(SfnClient sfn) {
    this.sfn = sfn;
  }

  @Override
  public boolean resume(String taskToken, Object output) {
    String json = Json.write(output);
    return whileTokenValid(() -> sfn.sendTaskSuccess(b -> b.taskToken(taskToken).output(json)));
  }

  @Override
  public boolean fail(String taskToken, String error, String cause) {
    return whileTokenValid(() -> sfn.sendTaskFailure(b -> b.taskToken(taskToken).error(error).cause(cause)));
  }

  /**
   * A token is spent when its task timed out, its execution ended or it was already answered;
   * then there is nothing left to resume, which callers treat as done rather than as a failure.
   */
  private static boolean whileTokenValid(Runnable call) {
    try {
      call.run();
      return true;
    } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException e) {
      return false;
    }
  }
}

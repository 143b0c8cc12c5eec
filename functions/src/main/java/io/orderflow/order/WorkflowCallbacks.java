package io.orderflow.order;

/**
 * Port: resumes a workflow step that waits for a task token. Both return false when the token is
 * no longer valid (the step timed out or the execution ended), which callers treat as "nothing
 * left to resume", not as a failure.
 */
public interface WorkflowCallbacks {

  boolean resume(String taskToken, Object output);

  boolean fail(String taskToken, String error, String cause);
}

package io.orderflow.local.sfn.runtime;

/**
 * Completes the futures of work that no longer matters: the execution was stopped or timed out,
 * or a sibling Parallel branch / Map iteration failed. Never reported as a state error.
 */
public final class ExecutionCancelled extends RuntimeException {
  public ExecutionCancelled() {
    super("cancelled", null, false, false);
  }
}

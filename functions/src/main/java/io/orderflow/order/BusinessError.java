package io.orderflow.order;

/**
 * A failure that retrying will not fix: the workflow does not retry it but catches it and
 * compensates. Step Functions sees the Lambda errorType, which the Java runtime reports as the
 * exception's fully qualified class name; the ASL's Catch clauses name these classes.
 */
public abstract class BusinessError extends RuntimeException {

  private final StatusReason reason;

  protected BusinessError(StatusReason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public StatusReason reason() {
    return reason;
  }
}

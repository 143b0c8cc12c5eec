package io.orderflow.local.sfn;

/**
 * An error of the Step Functions API, named as the service names it ({@code
 * ExecutionAlreadyExists}, {@code InvalidDefinition}, {@code TaskTimedOut}, ...). The HTTP server
 * returns it as {@code 400 {"__type": errorCode, "message": message}}.
 */
public final class SfnServiceException extends RuntimeException {

  private final String errorCode;

  public SfnServiceException(String errorCode, String message) {
    super(message);
    this.errorCode = errorCode;
  }

  public String errorCode() {
    return errorCode;
  }

  @Override
  public String toString() {
    return errorCode + ": " + getMessage();
  }
}

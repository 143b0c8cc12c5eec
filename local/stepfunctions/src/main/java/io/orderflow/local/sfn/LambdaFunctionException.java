package io.orderflow.local.sfn;

/** Thrown by a {@link LambdaInvoker} to report a function error with an explicit errorType. */
public class LambdaFunctionException extends RuntimeException {

  private final String errorType;

  public LambdaFunctionException(String errorType, String errorMessage) {
    super(errorMessage);
    this.errorType = errorType;
  }

  public String errorType() {
    return errorType;
  }
}

package io.orderflow.local.sfn;

/** Thrown by a {@link LambdaInvoker} that has no function of that name. */
public class FunctionNotFoundException extends RuntimeException {

  public FunctionNotFoundException(String functionName) {
    super("Function not found: " + functionName);
  }
}

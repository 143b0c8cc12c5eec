package io.orderflow.local.sfn;

/**
 * How the engine runs Lambda functions: in-process handlers in the local stack, fakes in tests.
 *
 * <p>{@code functionName} is the bare name: the engine strips ARNs, partial ARNs and
 * version/alias qualifiers first. Return the function's JSON output (null means JSON null). To
 * fail, throw: a {@link LambdaFunctionException} reports its own errorType, {@link
 * FunctionNotFoundException} becomes {@code Lambda.ResourceNotFoundException}, and any other
 * exception reports its fully qualified class name as the errorType, exactly as the Java Lambda
 * runtime does, so {@code "ErrorEquals": ["com.acme.OutOfStockException"]} works unchanged.
 */
@FunctionalInterface
public interface LambdaInvoker {

  String invoke(String functionName, String payloadJson) throws Exception;
}

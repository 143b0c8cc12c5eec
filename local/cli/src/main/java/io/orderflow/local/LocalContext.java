package io.orderflow.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.orderflow.platform.LambdaFunction;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** The Lambda context of one in-process invocation: a fresh request id and the function's timeout. */
final class LocalContext implements Context {

  private final LambdaFunction function;
  private final String requestId = UUID.randomUUID().toString();
  private final long deadlineMillis;
  private final FunctionLogger logger;

  LocalContext(LambdaFunction function) {
    this.function = function;
    this.deadlineMillis = System.currentTimeMillis() + function.timeout().toMillis();
    this.logger = new FunctionLogger(LogManager.getLogger(function.localName()));
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + function.localName();
  }

  @Override
  public String getLogStreamName() {
    return "local";
  }

  @Override
  public String getFunctionName() {
    return function.localName();
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return LocalFunctions.arn(function);
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return function.memoryMb();
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }

  /** Context.getLogger() output goes where the stack sends every other log line. */
  private record FunctionLogger(Logger delegate) implements LambdaLogger {

    @Override
    public void log(String message) {
      delegate.info(message);
    }

    @Override
    public void log(byte[] message) {
      log(new String(message, StandardCharsets.UTF_8));
    }

    @Override
    public void log(String message, LogLevel level) {
      delegate.log(Level.toLevel(level.name(), Level.INFO), message);
    }
  }
}

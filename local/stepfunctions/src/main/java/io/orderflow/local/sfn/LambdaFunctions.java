package io.orderflow.local.sfn;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link LambdaInvoker} backed by a name → handler map; unknown names are not found. */
public final class LambdaFunctions implements LambdaInvoker {

  /** A function body taking and returning JSON text; it may throw like a real handler. */
  @FunctionalInterface
  public interface Handler {
    String handle(String payloadJson) throws Exception;
  }

  private final Map<String, Handler> handlers = new ConcurrentHashMap<>();

  public LambdaFunctions register(String functionName, Handler handler) {
    handlers.put(functionName, handler);
    return this;
  }

  @Override
  public String invoke(String functionName, String payloadJson) throws Exception {
    Handler handler = handlers.get(functionName);
    if (handler == null) {
      throw new FunctionNotFoundException(functionName);
    }
    return handler.handle(payloadJson);
  }
}

package io.orderflow.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.orderflow.local.sfn.FunctionNotFoundException;
import io.orderflow.local.sfn.LambdaInvoker;
import io.orderflow.platform.Json;
import io.orderflow.platform.LambdaFunction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every function's handler, instantiated once, invoked in-process the way the Lambda runtime
 * would: a {@link RequestStreamHandler} gets the payload's bytes, a {@link RequestHandler} gets its
 * input type deserialised with the runtime's own event serializers (so an {@code SQSEvent}'s
 * {@code Records} map as on AWS). Exceptions propagate unchanged, so callers see the class name
 * the Java runtime would report as the error type.
 */
public final class LocalFunctions implements LambdaInvoker {

  static final String ACCOUNT_ARN_PREFIX = "arn:aws:lambda:us-east-1:000000000000:function:";
  private static final String EVENTS_PACKAGE = "com.amazonaws.services.lambda.runtime.events";

  /**
   * A failure to inject: asked before each invocation by the workflows (with the function and its
   * JSON payload), it throws to make that invocation fail as a failing handler would, under the
   * exception's class name. Tests use it to drive every Catch path of the real ASL.
   */
  @FunctionalInterface
  public interface Fault {
    void check(LambdaFunction function, String payloadJson) throws Exception;
  }

  private final Map<LambdaFunction, Object> handlers;
  private final List<Fault> faults = new CopyOnWriteArrayList<>();

  public LocalFunctions(Map<LambdaFunction, ?> handlers) {
    this.handlers = new EnumMap<>(LambdaFunction.class);
    this.handlers.putAll(handlers);
  }

  /** Injects {@code fault} until the returned handle is closed. */
  public AutoCloseable inject(Fault fault) {
    faults.add(fault);
    return () -> faults.remove(fault);
  }

  /** The ARN the state machines name this function by locally. */
  public static String arn(LambdaFunction function) {
    return ACCOUNT_ARN_PREFIX + function.localName();
  }

  public Object handler(LambdaFunction function) {
    Object handler = handlers.get(function);
    if (handler == null) {
      throw new FunctionNotFoundException(function.localName());
    }
    return handler;
  }

  /** {@link LambdaInvoker}: by local name ({@code orderflow-reserve}) or base name ({@code reserve}). */
  @Override
  public String invoke(String functionName, String payloadJson) throws Exception {
    LambdaFunction function = LambdaFunction.byBaseName(functionName)
        .orElseThrow(() -> new FunctionNotFoundException(functionName));
    return invoke(function, payloadJson);
  }

  /** Invokes with a JSON payload and returns the JSON result ({@code null} for no output). */
  public String invoke(LambdaFunction function, String payloadJson) throws Exception {
    for (Fault fault : faults) {
      fault.check(function, payloadJson);
    }
    Object handler = handler(function);
    if (handler instanceof RequestStreamHandler streamHandler) {
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      streamHandler.handleRequest(
          new ByteArrayInputStream(payloadJson.getBytes(StandardCharsets.UTF_8)), output, new LocalContext(function));
      return output.size() == 0 ? null : output.toString(StandardCharsets.UTF_8);
    }
    Class<?> inputType = inputType(handler.getClass());
    Object result = handle(function, fromJson(payloadJson, inputType));
    return result == null ? null : toJson(result);
  }

  /** Invokes a {@link RequestHandler} with an event object, as the pollers and the gateway do. */
  @SuppressWarnings("unchecked")
  public <I, O> O handle(LambdaFunction function, I event) {
    Object handler = handler(function);
    if (!(handler instanceof RequestHandler<?, ?>)) {
      throw new IllegalArgumentException(function.localName() + " takes a JSON stream, not an event object");
    }
    return ((RequestHandler<I, O>) handler).handleRequest(event, new LocalContext(function));
  }

  private static Object fromJson(String json, Class<?> type) throws Exception {
    if (isLambdaEvent(type)) {
      return serializer(type).fromJson(json);
    }
    return Json.MAPPER.readValue(json, type);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static String toJson(Object value) throws Exception {
    if (isLambdaEvent(value.getClass())) {
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      ((PojoSerializer) serializer(value.getClass())).toJson(value, output);
      return output.toString(StandardCharsets.UTF_8);
    }
    return Json.MAPPER.writeValueAsString(value);
  }

  private static boolean isLambdaEvent(Class<?> type) {
    return type.getName().startsWith(EVENTS_PACKAGE);
  }

  private static PojoSerializer<?> serializer(Class<?> type) {
    return LambdaEventSerializers.serializerFor(type, LocalFunctions.class.getClassLoader());
  }

  /** The {@code I} of {@code RequestHandler<I, O>}, found on the handler's class hierarchy. */
  private static Class<?> inputType(Class<?> handlerClass) {
    for (Class<?> type = handlerClass; type != null; type = type.getSuperclass()) {
      for (Type candidate : type.getGenericInterfaces()) {
        if (candidate instanceof ParameterizedType parameterized
            && parameterized.getRawType() == RequestHandler.class
            && parameterized.getActualTypeArguments()[0] instanceof Class<?> input) {
          return input;
        }
      }
    }
    return Object.class;
  }
}

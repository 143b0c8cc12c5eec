package io.orderflow.platform;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * A workflow step's function: reads the state's payload as its task {@code T} and writes the
 * step's result as JSON, which the state keeps under its ResultPath. A task that lacks what every
 * run needs is refused with IllegalArgumentException, which the workflow does not retry.
 */
public abstract class StepHandler<T> implements RequestStreamHandler {

  private final Class<T> taskType;

  protected StepHandler(Class<T> taskType) {
    this.taskType = taskType;
  }

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    byte[] payload = input.readAllBytes();
    T task = Json.MAPPER.readValue(payload, taskType);
    if (task == null) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " needs a task, not null");
    }
    JsonNode fields = Json.MAPPER.readTree(payload);
    String returnId = fields.path("returnId").asText(null);
    String orderId = fields.path("orderId").asText(null);
    InvocationLog.Outcome<Object> outcome =
        InvocationLog.Outcome.of(result -> returnId == null ? "done" : "done with return " + returnId);
    Object result = context == null
        ? run(task)
        : PowertoolsLogging.withLogging(context,
            () -> InvocationLog.logged(context.getFunctionName(), orderId, () -> run(task), outcome));
    Json.MAPPER.writeValue(output, result);
  }

  /** Runs the step for {@code task} and returns its result. */
  protected abstract Object run(T task);

  /** Refuses a task without a field every run needs. */
  protected static void require(boolean present, String problem) {
    if (!present) {
      throw new IllegalArgumentException(problem);
    }
  }
}

package io.orderflow.platform;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

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
    T task = Json.MAPPER.readValue(input, taskType);
    if (task == null) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " needs a task, not null");
    }
    Json.MAPPER.writeValue(output, run(task));
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

package io.orderflow.aftersales.returns;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.orderflow.platform.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * What the return-refund workflow's step handlers share: read the {@link ReturnTask} with the one
 * JSON mapper, check it names a return, run the step, write its result. Business errors ({@link
 * ReturnRejected}, {@link io.orderflow.reserve.OutOfStock}) propagate: the runtime reports their
 * class name, which the ASL catches.
 */
abstract class ReturnStepHandler implements RequestStreamHandler {

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    ReturnTask task = Json.MAPPER.readValue(input, ReturnTask.class);
    if (task == null || task.returnId() == null || task.returnId().isBlank()) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " needs a returnId");
    }
    Json.MAPPER.writeValue(output, run(task));
  }

  /** The step's result, which the workflow keeps under the state's ResultPath (if any). */
  abstract Object run(ReturnTask task);
}

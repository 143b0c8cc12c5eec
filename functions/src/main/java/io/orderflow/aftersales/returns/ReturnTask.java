package io.orderflow.aftersales.returns;

import io.orderflow.aftersales.returns.ProductReturn.AwaitedStep;

/**
 * The payload the return-refund workflow sends its steps (see {@code return-refund.asl.json}):
 * always {@code returnId}; {@code taskToken} for the waiting steps, {@code event} for the await
 * step, {@code status} and {@code reason} for the close step.
 */
record ReturnTask(String returnId, String taskToken, AwaitedStep.Kind event, ReturnStatus status, String reason) {

  ReturnTask requireToken() {
    if (taskToken == null || taskToken.isBlank()) {
      throw new IllegalArgumentException("this step waits for a task token and got none");
    }
    return this;
  }
}

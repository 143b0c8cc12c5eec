package io.orderflow.aftersales.returns;

import io.orderflow.platform.StepHandler;

/**
 * What the return-refund workflow's step handlers share: a {@link ReturnTask} that names a return.
 * Business errors ({@link ReturnRejected}, {@link io.orderflow.reserve.OutOfStock}) propagate: the
 * runtime reports their class name, which the ASL catches.
 */
abstract class ReturnStepHandler extends StepHandler<ReturnTask> {

  ReturnStepHandler() {
    super(ReturnTask.class);
  }

  @Override
  protected final Object run(ReturnTask task) {
    require(task.returnId() != null && !task.returnId().isBlank(), getClass().getSimpleName() + " needs a returnId");
    return step(task);
  }

  /** The step's result, which the workflow keeps under the state's ResultPath (if any). */
  abstract Object step(ReturnTask task);
}

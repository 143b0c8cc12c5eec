package io.orderflow.validate;

import io.orderflow.platform.StepHandler;
import io.orderflow.store.Adapters;

/**
 * The workflow's Validate step: {@code {"orderId"}} → {@code {"orderId", "status": "VALIDATED",
 * "eta"}}, or the error {@code io.orderflow.order.InvalidOrder} after recording REJECTED.
 */
public final class ValidateOrderHandler extends StepHandler<ValidateOrderHandler.Task> {

  record Task(String orderId) {}

  private final OrderValidation validation;

  public ValidateOrderHandler() {
    this(fromEnvironment(Adapters.shared()));
  }

  public ValidateOrderHandler(OrderValidation validation) {
    super(Task.class);
    this.validation = validation;
  }

  @Override
  protected Object run(Task task) {
    require(task.orderId() != null, "validate needs an orderId");
    return validation.validate(task.orderId());
  }

  private static OrderValidation fromEnvironment(Adapters adapters) {
    return new OrderValidation(adapters.orders(), adapters.catalog(), adapters.clock());
  }
}

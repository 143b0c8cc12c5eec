package io.orderflow.intake;

import io.orderflow.platform.Json;
import java.util.regex.Pattern;

/**
 * Starts an order's fulfillment workflow, named after the order: Step Functions refuses a second
 * execution with the same name, so a redelivered intake message can never fulfil an order twice.
 */
public final class FulfillmentStarter {

  /** Order ids that can name an execution (at most 80 characters, no spaces or punctuation). */
  private static final Pattern EXECUTION_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  private final WorkflowStarter workflows;
  private final ExecutionSettings settings;

  public FulfillmentStarter(WorkflowStarter workflows, ExecutionSettings settings) {
    this.workflows = workflows;
    this.settings = settings;
  }

  /** The execution input of the shared workflow contract. */
  record ExecutionInput(String orderId, ExecutionSettings settings) {}

  public static boolean isValidOrderId(String orderId) {
    return orderId != null && EXECUTION_NAME.matcher(orderId).matches();
  }

  /**
   * Starts the order's execution.
   *
   * @return false if it already exists, which is success as well: the order is on its way
   */
  public boolean start(String orderId) {
    if (!isValidOrderId(orderId)) {
      throw new IllegalArgumentException("not an order id: " + orderId);
    }
    return workflows.start(orderId, Json.write(new ExecutionInput(orderId, settings)));
  }
}

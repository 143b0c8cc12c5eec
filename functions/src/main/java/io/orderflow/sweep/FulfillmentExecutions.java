package io.orderflow.sweep;

import java.util.Optional;

/**
 * Port: an order's order-fulfillment execution (named after the order), as the sweeper needs it:
 * how it stands, and a redrive from the state that stopped it.
 */
public interface FulfillmentExecutions {

  /** Step Functions' execution statuses. */
  enum Status {
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    ABORTED
  }

  /** How an execution stands, and how often it was redriven already. */
  record Execution(Status status, int redriveCount) {}

  /** The order's execution; empty if it never started (or Step Functions no longer keeps it). */
  Optional<Execution> describe(String orderId);

  /**
   * Redrives the order's execution. {@code clientToken} makes a repeat (a second sweep racing the
   * first) a no-op answered like the first.
   *
   * @return false if Step Functions refused (not redrivable) or the execution is gone
   */
  boolean redrive(String orderId, String clientToken);
}

package io.orderflow.local;

import io.orderflow.local.sfn.LambdaFunctionException;
import io.orderflow.local.sfn.LambdaInvoker;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Chaos for the workflows' steps: a share of the Step Functions engine's Lambda invocations fails
 * as a crashed invocation does on AWS, with {@code Lambda.ServiceException}, which every task's
 * Retry names. Half of them fail before the handler runs; the other half after it ran, its side
 * effect done and its answer lost, so the retry runs the step a second time (what idempotency is
 * for). Local only: it wraps the local stack's invoker, never a deployed function.
 */
public final class StepFailures {

  /** The error AWS reports for an invocation that died inside the Lambda service. */
  public static final String ERROR = "Lambda.ServiceException";

  private final double rate;
  private final Random random;
  private final AtomicLong before = new AtomicLong();
  private final AtomicLong after = new AtomicLong();

  /** Fails {@code rate} (0 to 1) of the invocations, chosen by a random sequence from {@code seed}. */
  public StepFailures(double rate, long seed) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("the failure rate must be between 0 and 1, was " + rate);
    }
    this.rate = rate;
    this.random = new Random(seed);
  }

  /** No failures: the invoker as it is. */
  public static StepFailures none() {
    return new StepFailures(0, 0);
  }

  public double rate() {
    return rate;
  }

  /** {@code invoker}, failing at this rate. */
  public LambdaInvoker around(LambdaInvoker invoker) {
    if (rate == 0) {
      return invoker;
    }
    return (functionName, payloadJson) -> {
      double draw = nextDraw();
      if (draw < rate / 2) {
        before.incrementAndGet();
        throw new LambdaFunctionException(ERROR, "injected failure: " + functionName + " crashed before its handler ran");
      }
      String output = invoker.invoke(functionName, payloadJson);
      if (draw < rate) {
        after.incrementAndGet();
        throw new LambdaFunctionException(ERROR, "injected failure: " + functionName + " ran, and its answer was lost");
      }
      return output;
    };
  }

  /** Invocations failed before their handler ran. */
  public long failedBefore() {
    return before.get();
  }

  /** Invocations whose handler ran and whose answer was then lost. */
  public long failedAfter() {
    return after.get();
  }

  private double nextDraw() {
    synchronized (random) {
      return random.nextDouble();
    }
  }
}

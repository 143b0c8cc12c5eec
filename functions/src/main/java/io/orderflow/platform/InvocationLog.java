package io.orderflow.platform;

import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

/**
 * One log line per invocation, in Powertools' JSON layout (log4j2.xml): the order it worked on as
 * {@code orderId} and what came of it, on top of the function's name and request id, which the
 * handler puts in with Powertools' {@code PowertoolsLogging.withLogging(context, …)} (the
 * functional form of the {@code @Logging} aspect, as there is no AspectJ weaving here). Every line
 * the handler logs during the invocation carries the same keys. Knows no Lambda type: the
 * handlers are the glue to the runtime.
 */
public final class InvocationLog {

  private static final Logger LOG = LogManager.getLogger(InvocationLog.class);

  /** The key of the order an invocation works on, on each of its log lines. */
  public static final String ORDER_ID = "orderId";

  private InvocationLog() {}

  /** What an invocation tells about itself once done: its order (null if none) and a short outcome. */
  public record Outcome<T>(Function<T, String> orderId, Function<T, String> summary) {

    /** An outcome that names no order. */
    public static <T> Outcome<T> of(Function<T, String> summary) {
      return new Outcome<>(result -> null, summary);
    }
  }

  /**
   * Runs {@code work} with {@code orderId} (if known up front) on every log line, and logs its
   * outcome: INFO with {@code outcome}'s summary, or ERROR with the exception, which propagates
   * unchanged.
   */
  public static <T> T logged(String functionName, String orderId, Supplier<T> work, Outcome<T> outcome) {
    long started = System.nanoTime();
    if (orderId != null) {
      ThreadContext.put(ORDER_ID, orderId);
    }
    T result;
    try {
      result = work.get();
    } catch (RuntimeException | Error e) {
      LOG.error("{} failed after {} ms: {}", functionName, elapsedMillis(started), e.toString(), e);
      throw e;
    }
    String resultOrder = outcome.orderId().apply(result);
    if (orderId == null && resultOrder != null) {
      ThreadContext.put(ORDER_ID, resultOrder);
    }
    LOG.info("{} {} in {} ms", functionName, outcome.summary().apply(result), elapsedMillis(started));
    return result;
  }

  private static long elapsedMillis(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}

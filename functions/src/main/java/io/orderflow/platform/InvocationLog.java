package io.orderflow.platform;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * One log line per invocation, in Powertools' JSON layout (log4j2.xml): the function's name and
 * request id from the Lambda context, the order it worked on as {@code orderId}, and what came of
 * it. Every line the handler logs during the invocation carries the same keys. Without the
 * {@code @Logging} aspect (no AspectJ weaving here) this is Powertools' functional form of it.
 */
public final class InvocationLog {

  private static final Logger LOG = LogManager.getLogger(InvocationLog.class);

  /** The key of the order an invocation works on, on each of its log lines. */
  public static final String ORDER_ID = "orderId";

  private InvocationLog() {}

  /** What an invocation tells about itself once done: its order (null if none) and a short outcome. */
  public interface Outcome<T> {
    String orderId(T result);

    String summary(T result);
  }

  /**
   * Runs {@code work} with the context's fields (and {@code orderId}, if known up front) on every
   * log line, and logs its outcome: INFO with {@code outcome}'s summary, or ERROR with the
   * exception, which propagates unchanged. Without a context (a unit test) it just runs.
   */
  public static <T> T logged(Context context, String orderId, Supplier<T> work, Outcome<T> outcome) {
    if (context == null) {
      return work.get();
    }
    long started = System.nanoTime();
    Supplier<T> logging = () -> {
      if (orderId != null) {
        ThreadContext.put(ORDER_ID, orderId);
      }
      T result;
      try {
        result = work.get();
      } catch (RuntimeException | Error e) {
        LOG.error("{} failed after {} ms: {}", context.getFunctionName(), elapsedMillis(started), e.toString(), e);
        throw e;
      }
      String resultOrder = outcome.orderId(result);
      if (orderId == null && resultOrder != null) {
        ThreadContext.put(ORDER_ID, resultOrder);
      }
      LOG.info("{} {} in {} ms", context.getFunctionName(), outcome.summary(result), elapsedMillis(started));
      return result;
    };
    // Powertools puts the context's fields in and takes every key out again when the work is done.
    return PowertoolsLogging.withLogging(context, logging);
  }

  /** For results that name no order and need no summary. */
  public static <T> Outcome<T> done() {
    return new Outcome<>() {
      @Override
      public String orderId(T result) {
        return null;
      }

      @Override
      public String summary(T result) {
        return "done";
      }
    };
  }

  private static long elapsedMillis(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}

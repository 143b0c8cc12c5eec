package io.orderflow.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.local.sfn.LambdaFunctionException;
import io.orderflow.local.sfn.LambdaInvoker;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Chaos's injected step failures: the error the ASL retries, half before and half after the handler. */
class StepFailuresTest {

  @Test
  void noRateLeavesTheInvokerAsItIs() throws Exception {
    LambdaInvoker invoker = (name, payload) -> "{}";

    assertThat(StepFailures.none().around(invoker)).isSameAs(invoker);
  }

  @Test
  void failsAboutTheRateHalfBeforeAndHalfAfterTheHandlerRan() {
    StepFailures failures = new StepFailures(0.2, 42);
    AtomicInteger handlerRuns = new AtomicInteger();
    LambdaInvoker invoker = failures.around((name, payload) -> {
      handlerRuns.incrementAndGet();
      return "{\"ok\":true}";
    });
    int failed = 0;
    for (int i = 0; i < 10_000; i++) {
      try {
        assertThat(invoker.invoke("reserve", "{}")).isEqualTo("{\"ok\":true}");
      } catch (LambdaFunctionException e) {
        assertThat(e.errorType()).isEqualTo("Lambda.ServiceException");
        failed++;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }

    assertThat(failed).isBetween(1_800, 2_200);
    assertThat(failures.failedBefore() + failures.failedAfter()).isEqualTo(failed);
    assertThat(failures.failedBefore()).isBetween(800L, 1_200L);
    assertThat(handlerRuns.get()).as("every failure after the handler ran it")
        .isEqualTo(10_000 - (int) failures.failedBefore());
  }

  @Test
  void aHandlersOwnErrorIsNotReplacedByAnInjectedOne() {
    LambdaInvoker invoker = new StepFailures(1, 7).around((name, payload) -> {
      throw new IllegalStateException("the handler's own");
    });

    // Every draw is below a rate of 1: half of them fail before the handler, the others see its error.
    int ownErrors = 0;
    for (int i = 0; i < 100; i++) {
      try {
        invoker.invoke("charge", "{}");
      } catch (IllegalStateException e) {
        ownErrors++;
      } catch (Exception e) {
        assertThat(e).isInstanceOf(LambdaFunctionException.class);
      }
    }
    assertThat(ownErrors).isBetween(30, 70);
  }

  @Test
  void aRateOutsideZeroToOneIsRefused() {
    assertThatThrownBy(() -> new StepFailures(1.5, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StepFailures(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}

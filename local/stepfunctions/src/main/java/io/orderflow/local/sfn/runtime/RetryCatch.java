package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.sfn.asl.Catcher;
import io.orderflow.local.sfn.asl.Retrier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * Runs the attempts of a Task, Parallel or Map state under its Retry and Catch fields.
 *
 * <p>The first retrier whose ErrorEquals matches decides: if it has attempts left the state is
 * tried again after IntervalSeconds × BackoffRate^(retries made by that retrier), capped by
 * MaxDelaySeconds and, with JitterStrategy FULL, drawn uniformly below that; otherwise the
 * catchers are scanned in order. Retrier counters live only for this visit of the state.
 */
final class RetryCatch {

  private RetryCatch() {}

  /**
   * @param attempt runs one attempt given the retry count so far ({@code $$.State.RetryCount}) and
   *     yields the state's final output
   */
  static CompletableFuture<Outcome> run(
      List<Retrier> retriers,
      List<Catcher> catchers,
      String next,
      StateContext context,
      IntFunction<CompletableFuture<JsonNode>> attempt) {
    CompletableFuture<Outcome> result = new CompletableFuture<>();
    new Attempts(retriers, catchers, next, context, attempt, result).go();
    return result;
  }

  private static final class Attempts {
    private final List<Retrier> retriers;
    private final List<Catcher> catchers;
    private final String next;
    private final StateContext context;
    private final IntFunction<CompletableFuture<JsonNode>> attempt;
    private final CompletableFuture<Outcome> result;
    private final int[] used;
    private int retries;

    Attempts(List<Retrier> retriers, List<Catcher> catchers, String next, StateContext context,
        IntFunction<CompletableFuture<JsonNode>> attempt, CompletableFuture<Outcome> result) {
      this.retriers = retriers;
      this.catchers = catchers;
      this.next = next;
      this.context = context;
      this.attempt = attempt;
      this.result = result;
      this.used = new int[retriers.size()];
    }

    void go() {
      CompletableFuture<JsonNode> current;
      try {
        current = attempt.apply(retries);
      } catch (RuntimeException e) {
        current = CompletableFuture.failedFuture(e);
      }
      current.whenComplete(
          (output, failure) -> {
            try {
              if (failure == null) {
                result.complete(new Outcome(output, next));
              } else {
                handle(Interpreter.unwrap(failure));
              }
            } catch (RuntimeException e) {
              result.completeExceptionally(e);
            }
          });
    }

    private void handle(Throwable failure) {
      if (!(failure instanceof StatesError error) || error.isTerminal()) {
        result.completeExceptionally(failure);
        return;
      }
      for (int i = 0; i < retriers.size(); i++) {
        Retrier retrier = retriers.get(i);
        if (ErrorMatching.matches(retrier.errorEquals(), error)) {
          if (used[i] < retrier.maxAttempts()) {
            Duration delay = delay(retrier, used[i]);
            used[i]++;
            retries++;
            context
                .sleep(delay)
                .whenComplete(
                    (v, e) -> {
                      if (e != null) {
                        result.completeExceptionally(Interpreter.unwrap(e));
                      } else {
                        go();
                      }
                    });
            return;
          }
          break;
        }
      }
      for (Catcher catcher : catchers) {
        if (ErrorMatching.matches(catcher.errorEquals(), error)) {
          var bindings = context.bindings(retries, null).withErrorOutput(error.output());
          JsonNode output = context.assign(catcher.assign(), error.output(), bindings,
              context.query().caught(catcher, context.input(), error, bindings));
          result.complete(new Outcome(output, catcher.next()));
          return;
        }
      }
      result.completeExceptionally(error);
    }
  }

  static Duration delay(Retrier retrier, int retriesSoFar) {
    double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), retriesSoFar);
    if (retrier.maxDelaySeconds() != null) {
      seconds = Math.min(seconds, retrier.maxDelaySeconds());
    }
    if (retrier.fullJitter()) {
      seconds = ThreadLocalRandom.current().nextDouble() * seconds;
    }
    return Duration.ofNanos((long) (seconds * 1_000_000_000L));
  }
}

package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.sfn.asl.State;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.json.Timestamps;
import io.orderflow.local.sfn.query.Bindings;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** Wait: a number of seconds or until a timestamp, on the engine clock, holding no thread. */
final class WaitRunner implements StateRunner<State.Wait> {

  @Override
  public CompletableFuture<Outcome> run(State.Wait wait, StateContext context) {
    Bindings bindings = context.bindings();
    JsonNode effective = context.query().input(wait.common(), context.input(), bindings);
    Duration delay = delay(wait, effective, context, bindings);
    JsonNode output = context.assign(wait.common().assign(), effective, bindings,
        context.query().output(wait.common(), null, null, effective, effective, bindings));
    return context.sleep(delay).thenApply(v -> new Outcome(output, wait.common().next()));
  }

  private static Duration delay(State.Wait wait, JsonNode input, StateContext context, Bindings bindings) {
    if (wait.seconds() != null) {
      return Duration.ofSeconds(wait.seconds());
    }
    if (wait.secondsPath() != null) {
      JsonNode value = context.query().value(wait.secondsPath(), input, bindings, "SecondsPath");
      if (value.isNumber() && value.asDouble() < 0) {
        throw StatesError.runtime("The SecondsPath parameter references a negative value: " + wait.secondsPath() + " == " + Json.write(value));
      }
      if (!value.isIntegralNumber()) {
        throw StatesError.runtime("The SecondsPath parameter does not reference a valid non-negative integer: " + Json.write(value));
      }
      return Duration.ofSeconds(value.asLong());
    }
    Instant target;
    if (wait.timestamp() != null) {
      target = Timestamps.parse(Json.MAPPER.getNodeFactory().textNode(wait.timestamp()));
    } else {
      JsonNode value = context.query().value(wait.timestampPath(), input, bindings, "TimestampPath");
      target = Timestamps.parse(value);
      if (target == null) {
        throw StatesError.runtime("The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: " + Json.write(value));
      }
    }
    Duration delay = Duration.between(context.now(), target);
    return delay.isNegative() ? Duration.ZERO : delay;
  }
}

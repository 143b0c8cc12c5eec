package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.sfn.asl.State;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.query.Bindings;
import io.orderflow.local.sfn.query.Query;
import java.util.concurrent.CompletableFuture;

/** Choice: the first option whose rule holds, else Default, else States.NoChoiceMatched. */
final class ChoiceRunner implements StateRunner<State.Choice> {

  @Override
  public CompletableFuture<Outcome> run(State.Choice choice, StateContext context) {
    Query query = context.query();
    Bindings bindings = context.bindings();
    JsonNode effective = query.input(choice.common(), context.input(), bindings);
    for (State.Choice.Option option : choice.choices()) {
      if (query.matches(option.rule(), effective, bindings)) {
        // the rule's own Output and Assign (JSONata and variables) take the place of the state's
        JsonNode output = option.output() != null
            ? query.template(option.output(), effective, bindings)
            : query.output(choice.common(), null, null, effective, effective, bindings);
        output = context.assign(option.assign() != null ? option.assign() : choice.common().assign(), effective, bindings, output);
        return CompletableFuture.completedFuture(new Outcome(output, option.next()));
      }
    }
    if (choice.defaultState() == null) {
      throw new StatesError(StatesError.NO_CHOICE_MATCHED,
          "No Matches! in Choice state '" + choice.name() + "' for input " + Json.write(effective));
    }
    JsonNode output = context.assign(choice.common().assign(), effective, bindings,
        query.output(choice.common(), null, null, effective, effective, bindings));
    return CompletableFuture.completedFuture(new Outcome(output, choice.defaultState()));
  }
}

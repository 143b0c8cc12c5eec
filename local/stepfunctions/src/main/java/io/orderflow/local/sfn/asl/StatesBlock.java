package io.orderflow.local.sfn.asl;

import java.util.Map;

/** A StartAt plus its States: the whole machine, a Parallel branch, or a Map's ItemProcessor. */
public record StatesBlock(String startAt, Map<String, State> states) {

  public State state(String name) {
    State state = states.get(name);
    if (state == null) {
      throw new IllegalStateException("no state " + name); // the validator makes this unreachable
    }
    return state;
  }
}

package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.asl.State;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A line of control inside an execution: the top level, one Parallel branch, or one Map
 * iteration. It knows its last event (the previousEventId of the next one), the state it is in,
 * and for Map iterations the item ({@code $$.Map.Item}).
 */
final class Branch {

  private final ExecutionRun run;
  private final CancelScope scope;
  private final int depth;
  private final Integer mapIndex;
  private final JsonNode mapValue;
  private final String mapStateName;
  private final AtomicLong lastEventId;
  private final Variables variables;
  private volatile State current;

  Branch(ExecutionRun run, CancelScope scope, int depth, long lastEventId, Integer mapIndex, JsonNode mapValue, String mapStateName,
      Variables variables) {
    this.run = run;
    this.variables = variables;
    this.scope = scope;
    this.depth = depth;
    this.mapIndex = mapIndex;
    this.mapValue = mapValue;
    this.mapStateName = mapStateName;
    this.lastEventId = new AtomicLong(lastEventId);
  }

  /** The top level of {@code run}, whose next event follows event {@code lastEventId} (0 for a new execution). */
  static Branch root(ExecutionRun run, long lastEventId) {
    return new Branch(run, run.scope, 0, lastEventId, null, null, null, new Variables(null, run.checkpoint().variables()));
  }

  Branch parallelBranch(CancelScope childScope) {
    return new Branch(run, childScope, depth + 1, lastEventId.get(), null, null, null, variables.child());
  }

  Branch mapIteration(CancelScope childScope, int index, JsonNode value, String mapState) {
    return new Branch(run, childScope, depth + 1, lastEventId.get(), index, value, mapState, variables.child());
  }

  /** Records an event following this branch's previous one; returns its id (or -1 once the history is closed). */
  long record(String type, ObjectNode details) {
    long id = run.record(type, lastEventId.get(), details);
    if (id > 0) {
      lastEventId.set(id);
    }
    return id;
  }

  void follow(long eventId) {
    if (eventId > 0) {
      lastEventId.set(eventId);
    }
  }

  long lastEventId() {
    return lastEventId.get();
  }

  /** The workflow variables of this branch's scope. */
  Variables variables() {
    return variables;
  }

  ExecutionRun run() {
    return run;
  }

  CancelScope scope() {
    return scope;
  }

  int depth() {
    return depth;
  }

  Integer mapIndex() {
    return mapIndex;
  }

  JsonNode mapValue() {
    return mapValue;
  }

  String mapStateName() {
    return mapStateName;
  }

  State current() {
    return current;
  }

  void enter(State state) {
    this.current = state;
  }
}

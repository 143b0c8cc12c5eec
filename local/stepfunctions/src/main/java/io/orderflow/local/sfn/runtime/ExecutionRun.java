package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.ExecutionDescription;
import io.orderflow.local.sfn.ExecutionStatus;
import io.orderflow.local.sfn.HistoryEvent;
import io.orderflow.local.sfn.asl.StateMachineDefinition;
import io.orderflow.local.sfn.clock.EngineClock;
import io.orderflow.local.sfn.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** One execution: its identity, its status, its history, and what it is waiting on. */
public final class ExecutionRun {

  /** The state machine as it was when the execution started (updates don't affect running executions). */
  public record MachineSnapshot(String arn, String name, String roleArn, String definitionText, StateMachineDefinition definition) {}

  /**
   * Where the top level of a running execution stands: the state it is in (or goes to next),
   * that state's input, and the workflow variables assigned so far (null: none). A restarted
   * engine resumes the execution there.
   */
  public record Checkpoint(String state, JsonNode input, JsonNode variables) {

    public Checkpoint(String state, JsonNode input) {
      this(state, input, null);
    }
  }

  /** An execution as it was saved: a closed one as it ended, a running one with its checkpoint. */
  public record Saved(MachineSnapshot machine, ExecutionDescription description, List<HistoryEvent> history, Checkpoint checkpoint) {}

  private final String arn;
  private final String name;
  private final MachineSnapshot machine;
  private final String inputText;
  private final JsonNode input;
  private final Instant startDate;
  private final EngineClock clock;
  private final History history;
  final CancelScope scope = new CancelScope();
  final Set<Branch> activeBranches = ConcurrentHashMap.newKeySet();
  final Set<String> openTokens = ConcurrentHashMap.newKeySet();
  private final CompletableFuture<ExecutionStatus> done = new CompletableFuture<>();
  private volatile Runnable onFinish = () -> {};
  private volatile Checkpoint checkpoint;

  private ExecutionStatus status = ExecutionStatus.RUNNING;
  private Instant stopDate;
  private String output;
  private String error;
  private String cause;

  public ExecutionRun(String arn, String name, MachineSnapshot machine, String inputText, EngineClock clock) {
    this.arn = arn;
    this.name = name;
    this.machine = machine;
    this.inputText = inputText;
    this.input = Json.parse(inputText);
    this.clock = clock;
    this.startDate = now();
    this.history = new History(List.of(), false);
    this.checkpoint = new Checkpoint(machine.definition().root().startAt(), input);
  }

  /** A saved execution back in an engine: closed as it ended, or running from its checkpoint. */
  public ExecutionRun(Saved saved, EngineClock clock) {
    ExecutionDescription ended = saved.description();
    this.arn = ended.executionArn();
    this.name = ended.name();
    this.machine = saved.machine();
    this.inputText = ended.input();
    this.input = Json.parse(inputText);
    this.clock = clock;
    this.startDate = ended.startDate();
    this.history = new History(saved.history(), ended.status() != ExecutionStatus.RUNNING);
    this.checkpoint = saved.checkpoint();
    if (ended.status() != ExecutionStatus.RUNNING) {
      this.status = ended.status();
      this.stopDate = ended.stopDate();
      this.output = ended.output();
      this.error = ended.error();
      this.cause = ended.cause();
      done.complete(status);
    }
  }

  /** This execution as it stands, to be saved. */
  public synchronized Saved save() {
    return new Saved(machine, describe(), history.snapshot(), status == ExecutionStatus.RUNNING ? checkpoint : null);
  }

  public String arn() {
    return arn;
  }

  public String name() {
    return name;
  }

  public MachineSnapshot machine() {
    return machine;
  }

  public String inputText() {
    return inputText;
  }

  JsonNode input() {
    return input;
  }

  public Instant startDate() {
    return startDate;
  }

  Instant now() {
    return clock.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  /** Completes when the execution reaches a terminal status. */
  public CompletableFuture<ExecutionStatus> done() {
    return done;
  }

  void onFinish(Runnable action) {
    this.onFinish = action;
  }

  public synchronized ExecutionStatus status() {
    return status;
  }

  public synchronized ExecutionDescription describe() {
    return new ExecutionDescription(arn, machine.arn(), name, status, startDate, stopDate, inputText, output, error, cause);
  }

  public List<HistoryEvent> history() {
    return history.snapshot();
  }

  /** How many events the history holds: it only grows, so an unchanged size means an unchanged execution. */
  public int historySize() {
    return history.size();
  }

  Checkpoint checkpoint() {
    return checkpoint;
  }

  void checkpoint(String state, JsonNode stateInput) {
    checkpoint(state, stateInput, null);
  }

  void checkpoint(String state, JsonNode stateInput, JsonNode variables) {
    this.checkpoint = new Checkpoint(state, stateInput, variables);
  }

  long record(String type, long previousEventId, ObjectNode details) {
    return history.add(type, previousEventId, now(), details, false);
  }

  boolean isClosed() {
    return history.isClosed();
  }

  /**
   * Moves the execution to a terminal status, once. For ABORTED and TIMED_OUT the states still in
   * progress first get their {@code <Type>StateAborted} (and MapIterationAborted) events, as in
   * an AWS history, then everything the execution waits on is cancelled.
   */
  boolean finish(ExecutionStatus newStatus, String eventType, ObjectNode details, String output, String error, String cause) {
    synchronized (this) {
      if (status != ExecutionStatus.RUNNING) {
        return false;
      }
      if (newStatus == ExecutionStatus.ABORTED || newStatus == ExecutionStatus.TIMED_OUT) {
        recordAbortedStates();
      }
      long last = history.snapshot().size();
      history.add(eventType, last, now(), details, true);
      this.status = newStatus;
      this.stopDate = now();
      this.output = output;
      this.error = error;
      this.cause = cause;
    }
    scope.cancel();
    onFinish.run();
    done.complete(newStatus);
    return true;
  }

  /** TIMED_OUT with ExecutionTimedOut (States.Timeout); no effect on a closed execution. */
  public void finishTimedOut(String cause) {
    finish(ExecutionStatus.TIMED_OUT, "ExecutionTimedOut", Json.object().put("error", StatesError.TIMEOUT).put("cause", cause),
        null, StatesError.TIMEOUT, cause);
  }

  /** StopExecution: ABORTED with ExecutionAborted; no effect on a closed execution. */
  public void finishAborted(ObjectNode details, String error, String cause) {
    finish(ExecutionStatus.ABORTED, "ExecutionAborted", details, null, error, cause);
  }

  private void recordAbortedStates() {
    List<Branch> branches = new ArrayList<>(activeBranches);
    branches.sort(Comparator.comparingInt(Branch::depth).reversed());
    for (Branch branch : branches) {
      var state = branch.current();
      if (state != null && Set.of("Task", "Wait", "Map", "Parallel").contains(state.type())) {
        branch.record(state.type() + "StateAborted", null);
      }
      if (branch.mapIndex() != null) {
        ObjectNode details = Json.object().put("name", branch.mapStateName()).put("index", branch.mapIndex());
        branch.record("MapIterationAborted", details);
      }
    }
  }
}

package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.ExecutionDescription;
import io.orderflow.local.sfn.ExecutionStatus;
import io.orderflow.local.sfn.HistoryEvent;
import io.orderflow.local.sfn.asl.StateMachineDefinition;
import io.orderflow.local.sfn.clock.EngineClock;
import io.orderflow.local.sfn.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** One execution: its identity, its status, its history, and what it is waiting on. */
public final class ExecutionRun {

  /** The service's limits on redriving: within 14 days of the stop, a year after the start, below 25,000 events. */
  static final Duration REDRIVABLE_PERIOD = Duration.ofDays(14);
  static final Duration MAX_EXECUTION_TIME = Duration.ofDays(365);
  static final int MAX_HISTORY_EVENTS = 24_999;

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
  /** Replaced by a fresh one when a redrive reopens the execution (the old one stays cancelled). */
  volatile CancelScope scope = new CancelScope();
  final Set<Branch> activeBranches = ConcurrentHashMap.newKeySet();
  final Set<String> openTokens = ConcurrentHashMap.newKeySet();
  private volatile CompletableFuture<ExecutionStatus> done = new CompletableFuture<>();
  private volatile Runnable onFinish = () -> {};
  private volatile Checkpoint checkpoint;

  private ExecutionStatus status = ExecutionStatus.RUNNING;
  private Instant stopDate;
  private String output;
  private String error;
  private String cause;
  private int redriveCount;
  private Instant redriveDate;

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
    this.redriveCount = ended.redriveCount();
    this.redriveDate = ended.redriveDate();
    if (ended.status() != ExecutionStatus.RUNNING) {
      this.status = ended.status();
      this.stopDate = ended.stopDate();
      this.output = ended.output();
      this.error = ended.error();
      this.cause = ended.cause();
      done.complete(status);
    }
  }

  /**
   * This execution as it stands, to be saved. The checkpoint is kept for a closed execution that
   * did not succeed too: it is where a redrive goes on.
   */
  public synchronized Saved save() {
    return new Saved(machine, describe(), history.snapshot(), status == ExecutionStatus.SUCCEEDED ? null : checkpoint);
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
    String notRedrivable = whyNotRedrivable();
    return new ExecutionDescription(arn, machine.arn(), name, status, startDate, stopDate, inputText, output, error, cause,
        redriveCount, redriveDate, notRedrivable == null ? "REDRIVABLE" : "NOT_REDRIVABLE", notRedrivable);
  }

  /** How often the execution was redriven ({@code $$.Execution.RedriveCount}). */
  public synchronized int redriveCount() {
    return redriveCount;
  }

  public synchronized Instant redriveDate() {
    return redriveDate;
  }

  /** When the execution's TimeoutSeconds starts counting: at its start, or at its last redrive. */
  synchronized Instant runningSince() {
    return redriveDate != null ? redriveDate : startDate;
  }

  /**
   * Why RedriveExecution would refuse this execution now, in the service's words, or null if it
   * may be redriven: only a FAILED, ABORTED or TIMED_OUT execution that stopped within the last 14
   * days, ran less than a year, has room left in its history and knows the state it stopped in.
   */
  private String whyNotRedrivable() {
    if (status == ExecutionStatus.RUNNING || status == ExecutionStatus.SUCCEEDED) {
      return "Execution is " + status + " and cannot be redriven";
    }
    if (checkpoint == null) {
      return "Execution was started before the launch of RedriveExecution";
    }
    if (history.size() >= MAX_HISTORY_EVENTS) {
      return "Execution history event limit exceeded";
    }
    Instant now = now();
    if (Duration.between(startDate, now).compareTo(MAX_EXECUTION_TIME) > 0) {
      return "Execution has exceeded the max execution time";
    }
    if (stopDate != null && Duration.between(stopDate, now).compareTo(REDRIVABLE_PERIOD) > 0) {
      return "Execution redrivable period exceeded";
    }
    return null;
  }

  /**
   * RedriveExecution: reopens a FAILED, ABORTED or TIMED_OUT execution, records
   * ExecutionRedriven and returns the checkpoint to go on from (the state it stopped in, with the
   * input that state had), or throws {@link NotRedrivable} with the reason. The caller runs it on.
   */
  public synchronized Checkpoint redrive() {
    String reason = whyNotRedrivable();
    if (reason != null) {
      throw new NotRedrivable(reason);
    }
    redriveCount++;
    redriveDate = now();
    status = ExecutionStatus.RUNNING;
    stopDate = null;
    output = null;
    error = null;
    cause = null;
    scope = new CancelScope();
    done = new CompletableFuture<>();
    history.reopen();
    history.add("ExecutionRedriven", history.size(), redriveDate, Json.object().put("redriveCount", redriveCount), false);
    return checkpoint;
  }

  /** Why an execution cannot be redriven, in the words DescribeExecution's redriveStatusReason uses. */
  public static final class NotRedrivable extends RuntimeException {
    NotRedrivable(String reason) {
      super(reason);
    }
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

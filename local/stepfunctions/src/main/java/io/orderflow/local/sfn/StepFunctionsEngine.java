package io.orderflow.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.asl.InvalidDefinitionException;
import io.orderflow.local.sfn.asl.StateMachineDefinition;
import io.orderflow.local.sfn.clock.EngineClock;
import io.orderflow.local.sfn.clock.ScaledClock;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.runtime.ExecutionRun;
import io.orderflow.local.sfn.runtime.Interpreter;
import io.orderflow.local.sfn.runtime.StateTester;
import io.orderflow.local.sfn.runtime.TaskTokens;
import io.orderflow.local.sfn.tasks.TaskResources;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A local AWS Step Functions: the service's operations as Java methods, running Amazon States
 * Language definitions (JSONPath) in this JVM. {@link io.orderflow.local.sfn.http.StepFunctionsHttpServer}
 * puts the same operations behind the service's HTTP API.
 *
 * <pre>{@code
 * StepFunctionsEngine engine = StepFunctionsEngine.builder()
 *     .lambdaInvoker(functions)            // runs Lambda tasks
 *     .sqsClient(sqs)                      // sqs:sendMessage tasks
 *     .dynamoDbEndpoint(dynamo.endpoint()) // dynamodb:* tasks
 *     .clock(new ScaledClock(60))          // one real second per engine minute
 *     .build();
 * String machine = engine.createStateMachine("order", asl, null, "STANDARD");
 * ExecutionDescription started = engine.startExecution(machine, "order-42", "{\"orderId\":\"42\"}");
 * }</pre>
 *
 * <p>All operations are thread-safe. Executions run in the background on a shared pool; waiting
 * (Wait states, retry intervals, task tokens) holds no thread.
 */
public final class StepFunctionsEngine implements AutoCloseable {

  private static final Pattern NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]{1,80}");
  private static final int DEFAULT_PAGE = 100;
  private static final int MAX_PAGE = 1000;

  private final String region;
  private final String account;
  private final EngineClock clock;
  private final ExecutorService executor;
  private final TaskResources resources;
  private final TaskTokens tokens = new TaskTokens();
  private final Interpreter interpreter;
  private final Map<String, Machine> machines = new ConcurrentHashMap<>();
  private final Map<String, ExecutionRun> executions = new ConcurrentHashMap<>();
  private final Map<Path, ExecutionArchive> archives = new ConcurrentHashMap<>();
  /** RedriveExecution client tokens (execution ARN + token) and when they were used. */
  private final Map<String, Instant> redriveTokens = new ConcurrentHashMap<>();
  private static final java.time.Duration REDRIVE_TOKEN_LIFETIME = java.time.Duration.ofMinutes(15);

  private record Machine(String arn, String name, String definitionText, StateMachineDefinition definition, String roleArn,
      String type, Instant creationDate, Instant updateDate) {
    StateMachineDescription describe() {
      return new StateMachineDescription(arn, name, definitionText, roleArn, type, creationDate, updateDate);
    }
  }

  private StepFunctionsEngine(Builder b) {
    this.region = b.region;
    this.account = b.accountId;
    this.clock = b.clock != null ? b.clock : ScaledClock.system();
    AtomicInteger threads = new AtomicInteger();
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "sfn-worker-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    AwsCredentialsProvider credentials = b.credentials != null ? b.credentials
        : StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    this.resources = new TaskResources(b.lambdaInvoker, b.sqsClient, b.dynamoDbEndpoint, credentials, executor, region, account);
    this.interpreter = new Interpreter(clock, executor, tokens, resources::resolve, region);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Configuration of an engine; everything is optional. */
  public static final class Builder {
    private LambdaInvoker lambdaInvoker;
    private SqsClient sqsClient;
    private URI dynamoDbEndpoint;
    private AwsCredentialsProvider credentials;
    private EngineClock clock;
    private String region = "us-east-1";
    private String accountId = "000000000000";

    /** Runs Lambda tasks; without one every function is Lambda.ResourceNotFoundException. */
    public Builder lambdaInvoker(LambdaInvoker invoker) {
      this.lambdaInvoker = invoker;
      return this;
    }

    /** The client sqs:sendMessage tasks use (the caller owns and closes it). */
    public Builder sqsClient(SqsClient client) {
      this.sqsClient = client;
      return this;
    }

    /** Where dynamodb:* tasks send their requests (e.g. DynamoDB Local). */
    public Builder dynamoDbEndpoint(URI endpoint) {
      this.dynamoDbEndpoint = endpoint;
      return this;
    }

    /** Credentials to sign DynamoDB requests with; default local/local. */
    public Builder credentials(AwsCredentialsProvider credentials) {
      this.credentials = credentials;
      return this;
    }

    /** Default: the real clock. Use {@link ScaledClock} or {@link io.orderflow.local.sfn.clock.ManualClock} to go faster. */
    public Builder clock(EngineClock clock) {
      this.clock = clock;
      return this;
    }

    public Builder region(String region) {
      this.region = Objects.requireNonNull(region);
      return this;
    }

    public Builder accountId(String accountId) {
      this.accountId = Objects.requireNonNull(accountId);
      return this;
    }

    public StepFunctionsEngine build() {
      return new StepFunctionsEngine(this);
    }
  }

  public String region() {
    return region;
  }

  public String accountId() {
    return account;
  }

  public EngineClock clock() {
    return clock;
  }

  // ------------------------------------------------------------------ state machines

  /** Validates a definition without creating anything; throws InvalidDefinition like CreateStateMachine. */
  public StateMachineDefinition validate(String definition) {
    try {
      return StateMachineDefinition.parse(definition, resources::supports);
    } catch (InvalidDefinitionException e) {
      throw new SfnServiceException("InvalidDefinition", e.getMessage());
    }
  }

  /**
   * ValidateStateMachineDefinition: OK, or FAIL with a diagnostic per problem, in AWS's codes.
   * Nothing is created; a definition that passes here is one CreateStateMachine accepts.
   */
  public DefinitionValidation validateStateMachineDefinition(String definition) {
    if (definition == null) {
      throw new SfnServiceException("ValidationException", "The definition is required");
    }
    try {
      StateMachineDefinition.parse(definition, resources::supports);
      return new DefinitionValidation("OK", List.of());
    } catch (InvalidDefinitionException e) {
      return new DefinitionValidation("FAIL", e.problems().stream().map(DefinitionValidation.Diagnostic::of).toList());
    }
  }

  /**
   * TestState: runs one state (its definition alone, as JSON) once with {@code input} and
   * {@code variables} (a JSON object, or null) and says what happened: SUCCEEDED with its output
   * and next state, FAILED, RETRIABLE (a retrier would retry) or CAUGHT_ERROR (a catcher takes
   * over). With inspection level DEBUG or TRACE the answer also shows the data after each step.
   */
  public StateTester.Result testState(String stateDefinition, String input, String inspectionLevel, String variables) {
    return testState(stateDefinition, input, inspectionLevel, variables, null);
  }

  /**
   * TestState as above; {@code definition} may also be a whole state machine, of which the state
   * {@code stateName} (default: its StartAt) is tested, in the machine's query language.
   */
  public StateTester.Result testState(String stateDefinition, String input, String inspectionLevel, String variables, String stateName) {
    if (stateDefinition == null) {
      throw new SfnServiceException("ValidationException", "The definition is required");
    }
    String level = inspectionLevel == null ? "INFO" : inspectionLevel;
    if (!List.of("INFO", "DEBUG", "TRACE").contains(level)) {
      throw new SfnServiceException("ValidationException", "1 validation error detected: Value '" + level
          + "' at 'inspectionLevel' failed to satisfy constraint: Member must satisfy enum value set: [INFO, DEBUG, TRACE]");
    }
    JsonNode state;
    JsonNode inputNode;
    JsonNode variablesNode;
    try {
      state = Json.parse(stateDefinition);
      inputNode = Json.parse(input == null ? "{}" : input);
      variablesNode = variables == null ? null : Json.parse(variables);
    } catch (IllegalArgumentException e) {
      throw new SfnServiceException("InvalidDefinition", "Invalid JSON: " + e.getMessage());
    }
    if (!state.isObject()) {
      throw new SfnServiceException("InvalidDefinition", "The definition of TestState must be a state (a JSON object)");
    }
    String name = stateName != null ? stateName : "TestState";
    if (state.has("States") && state.get("States").isObject()) {
      String picked = stateName != null ? stateName : state.path("StartAt").asText();
      JsonNode chosen = state.get("States").get(picked);
      if (chosen == null || !chosen.isObject()) {
        throw new SfnServiceException("ValidationException", "The state '" + picked + "' is not in the definition");
      }
      ObjectNode copy = ((ObjectNode) chosen).deepCopy();
      if (state.has("QueryLanguage") && !copy.has("QueryLanguage")) {
        copy.set("QueryLanguage", state.get("QueryLanguage"));
      }
      state = copy;
      name = picked;
    }
    StateMachineDefinition original = validate(singleStateMachine(name, (ObjectNode) state));
    ObjectNode once = ((ObjectNode) state).deepCopy();
    once.remove(List.of("Retry", "Catch"));
    StateMachineDefinition parsed = validate(singleStateMachine(name, once));
    String machineArn = "arn:aws:states:" + region + ":" + account + ":stateMachine:TestState";
    ExecutionRun run = new ExecutionRun(executionArn(machineArn, UUID.randomUUID().toString()), "TestState",
        new ExecutionRun.MachineSnapshot(machineArn, "TestState", "arn:aws:iam::" + account + ":role/orderflow-local-stepfunctions",
            Json.write(once), parsed), Json.write(inputNode), clock);
    try {
      return interpreter.tester()
          .test(run, original.root().state(name), inputNode, variablesNode, !level.equals("INFO"))
          .get(5, java.util.concurrent.TimeUnit.MINUTES);
    } catch (java.util.concurrent.TimeoutException e) {
      run.finishAborted(Json.object(), null, "TestState ran for more than 5 minutes");
      throw new SfnServiceException("ValidationException", "The state did not finish within 5 minutes");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SfnServiceException("ValidationException", "Interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      run.finishAborted(Json.object(), null, null); // releases anything the state still waits on
    }
  }

  /** A machine whose StartAt is {@code state}, with a Succeed state for every state it can go to. */
  private static String singleStateMachine(String name, ObjectNode state) {
    ObjectNode machine = Json.object().put("StartAt", name);
    ObjectNode states = machine.putObject("States");
    states.set(name, state);
    java.util.List<String> targets = new ArrayList<>();
    targets.add(state.path("Next").asText(null));
    targets.add(state.path("Default").asText(null));
    state.path("Catch").forEach(c -> targets.add(c.path("Next").asText(null)));
    state.path("Choices").forEach(c -> targets.add(c.path("Next").asText(null)));
    for (String target : targets) {
      if (target != null && !target.equals(name)) {
        states.putObject(target).put("Type", "Succeed");
      }
    }
    return Json.write(machine);
  }

  /** CreateStateMachine with a default role and type STANDARD. */
  public String createStateMachine(String name, String definition) {
    return createStateMachine(name, definition, null, null);
  }

  /**
   * CreateStateMachine. Creating a machine that exists with the same definition and role returns
   * its ARN (the call is idempotent); with another definition it is StateMachineAlreadyExists.
   *
   * @param roleArn may be null (a placeholder role is recorded)
   * @param type STANDARD (default when null) or EXPRESS
   * @return the state machine ARN
   */
  public synchronized String createStateMachine(String name, String definition, String roleArn, String type) {
    checkName(name);
    String machineType = type == null ? "STANDARD" : type;
    if (!machineType.equals("STANDARD") && !machineType.equals("EXPRESS")) {
      throw new SfnServiceException("ValidationException", "1 validation error detected: Value '" + type
          + "' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]");
    }
    if (definition == null) {
      throw new SfnServiceException("ValidationException", "The definition is required");
    }
    StateMachineDefinition parsed = validate(definition);
    String role = roleArn != null ? roleArn : "arn:aws:iam::" + account + ":role/orderflow-local-stepfunctions";
    String arn = "arn:aws:states:" + region + ":" + account + ":stateMachine:" + name;
    Machine existing = machines.get(arn);
    if (existing != null) {
      if (existing.definitionText().equals(definition) && existing.roleArn().equals(role) && existing.type().equals(machineType)) {
        return arn;
      }
      throw new SfnServiceException("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
    }
    Instant now = now();
    machines.put(arn, new Machine(arn, name, definition, parsed, role, machineType, now, null));
    return arn;
  }

  /** UpdateStateMachine: null arguments are left unchanged. Running executions keep the old definition. */
  public synchronized StateMachineDescription updateStateMachine(String stateMachineArn, String definition, String roleArn) {
    Machine machine = machine(stateMachineArn);
    if (definition == null && roleArn == null) {
      throw new SfnServiceException("MissingRequiredParameter", "Either the definition or the roleArn must be specified");
    }
    StateMachineDefinition parsed = definition == null ? machine.definition() : validate(definition);
    Machine updated = new Machine(machine.arn(), machine.name(), definition == null ? machine.definitionText() : definition, parsed,
        roleArn == null ? machine.roleArn() : roleArn, machine.type(), machine.creationDate(), now());
    machines.put(updated.arn(), updated);
    return updated.describe();
  }

  public StateMachineDescription describeStateMachine(String stateMachineArn) {
    return machine(stateMachineArn).describe();
  }

  /** ListStateMachines, sorted by name. */
  public List<StateMachineDescription> listStateMachines() {
    return machines.values().stream().sorted(Comparator.comparing(Machine::name)).map(Machine::describe).toList();
  }

  /** DeleteStateMachine: the machine disappears; its executions run on and stay describable. */
  public synchronized void deleteStateMachine(String stateMachineArn) {
    checkArn(stateMachineArn, "stateMachine");
    machines.remove(stateMachineArn);
  }

  public StateMachineDescription describeStateMachineForExecution(String executionArn) {
    ExecutionRun run = execution(executionArn);
    ExecutionRun.MachineSnapshot m = run.machine();
    Machine current = machines.get(m.arn());
    return new StateMachineDescription(m.arn(), m.name(), m.definitionText(), m.roleArn(),
        current == null ? "STANDARD" : current.type(), current == null ? run.startDate() : current.creationDate(),
        current == null ? null : current.updateDate());
  }

  // ------------------------------------------------------------------ executions

  /**
   * StartExecution. {@code name} defaults to a UUID, {@code input} to {@code {}}. Starting again
   * with the name and input of a RUNNING execution returns that execution (StartExecution is
   * idempotent for Standard workflows); with another input, or once that execution has closed,
   * it is ExecutionAlreadyExists, as the service documents.
   */
  public ExecutionDescription startExecution(String stateMachineArn, String name, String input) {
    String executionName = name == null ? UUID.randomUUID().toString() : name;
    checkName(executionName);
    String inputText = input == null ? "{}" : input;
    JsonNode parsedInput;
    try {
      parsedInput = Json.parse(inputText);
    } catch (IllegalArgumentException e) {
      throw new SfnServiceException("InvalidExecutionInput", "Invalid State Machine Execution Input: '" + e.getMessage() + "'");
    }
    ExecutionRun run;
    synchronized (this) {
      Machine machine = machine(stateMachineArn);
      String arn = executionArn(machine.arn(), executionName);
      ExecutionRun existing = executions.get(arn);
      if (existing != null) {
        boolean sameInput = Json.parse(existing.inputText()).equals(parsedInput);
        if (sameInput && existing.status() == ExecutionStatus.RUNNING && !machine.type().equals("EXPRESS")) {
          return existing.describe();
        }
        throw new SfnServiceException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
      }
      run = new ExecutionRun(arn, executionName,
          new ExecutionRun.MachineSnapshot(machine.arn(), machine.name(), machine.roleArn(), machine.definitionText(), machine.definition()),
          inputText, clock);
      executions.put(arn, run);
    }
    interpreter.start(run);
    return run.describe();
  }

  /**
   * StartSyncExecution: an EXPRESS state machine's execution run to its end (at most 5 minutes, as
   * on AWS) and described; a STANDARD machine is StateMachineTypeNotSupported.
   */
  public ExecutionDescription startSyncExecution(String stateMachineArn, String name, String input) {
    Machine machine = machine(stateMachineArn);
    if (!machine.type().equals("EXPRESS")) {
      throw new SfnServiceException("StateMachineTypeNotSupported",
          "This operation is not supported by this type of state machine: " + stateMachineArn);
    }
    ExecutionDescription started = startExecution(stateMachineArn, name, input);
    ExecutionRun run = executions.get(started.executionArn());
    try {
      run.done().get(5, java.util.concurrent.TimeUnit.MINUTES);
    } catch (java.util.concurrent.TimeoutException e) {
      run.finishTimedOut("An Express execution started synchronously ran for more than 5 minutes");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    return run.describe();
  }

  /** The ARN an execution named {@code name} of that state machine has, as the service forms it. */
  public static String executionArn(String stateMachineArn, String name) {
    return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
  }

  public ExecutionDescription describeExecution(String executionArn) {
    return execution(executionArn).describe();
  }

  /** Completes when the execution closes (handy for callers that don't poll). */
  public CompletableFuture<ExecutionStatus> completion(String executionArn) {
    return execution(executionArn).done();
  }

  /**
   * ListExecutions, newest first.
   *
   * @param statusFilter null for all
   * @param maxResults 0 or null for the default page of 100 (at most 1000)
   */
  public Page<ExecutionDescription> listExecutions(String stateMachineArn, ExecutionStatus statusFilter, Integer maxResults, String nextToken) {
    machine(stateMachineArn);
    List<ExecutionDescription> all = executions.values().stream()
        .filter(r -> r.machine().arn().equals(stateMachineArn))
        .map(ExecutionRun::describe)
        .filter(d -> statusFilter == null || d.status() == statusFilter)
        .sorted(Comparator.comparing(ExecutionDescription::startDate).reversed().thenComparing(ExecutionDescription::name))
        .toList();
    return page(all, maxResults, nextToken);
  }

  /** StopExecution: a RUNNING execution becomes ABORTED (error and cause may be null). */
  public ExecutionDescription stopExecution(String executionArn, String error, String cause) {
    ExecutionRun run = execution(executionArn);
    ObjectNode details = Json.object();
    if (error != null) {
      details.put("error", error);
    }
    if (cause != null) {
      details.put("cause", cause);
    }
    run.finishAborted(details, error, cause);
    return run.describe();
  }

  /**
   * RedriveExecution: a FAILED, ABORTED or TIMED_OUT execution of a Standard workflow goes on from
   * the state it stopped in, with the input that state had, on the definition it started with; the
   * steps that succeeded before are not run again. Its history continues with ExecutionRedriven,
   * and DescribeExecution counts the redrives. A repeat of a {@code clientToken} already used on
   * this execution in the last 15 minutes answers the first redrive's date and redrives nothing.
   * Otherwise ExecutionNotRedrivable, with the reason DescribeExecution's redriveStatusReason gives.
   *
   * <p>The execution goes on from its top-level state: a failure inside a Parallel or Map state
   * runs that whole state again, where the service re-runs only the branches and iterations that
   * failed.
   *
   * @param clientToken may be null
   * @return the redrive date
   */
  public Instant redriveExecution(String executionArn, String clientToken) {
    ExecutionRun run = execution(executionArn);
    Machine current = machines.get(run.machine().arn());
    if (current != null && current.type().equals("EXPRESS")) {
      throw new SfnServiceException("ExecutionNotRedrivable", "Execution '" + executionArn + "' cannot be redriven: "
          + "EXPRESS state machines do not support RedriveExecution");
    }
    synchronized (run) {
      Instant now = now();
      redriveTokens.values().removeIf(used -> used.plus(REDRIVE_TOKEN_LIFETIME).isBefore(now));
      String tokenKey = clientToken == null ? null : executionArn + "\n" + clientToken;
      if (tokenKey != null && redriveTokens.containsKey(tokenKey) && run.redriveDate() != null) {
        return run.redriveDate();
      }
      try {
        run.redrive();
      } catch (ExecutionRun.NotRedrivable e) {
        throw new SfnServiceException("ExecutionNotRedrivable", "Execution '" + executionArn + "' cannot be redriven: " + e.getMessage());
      }
      if (tokenKey != null) {
        redriveTokens.put(tokenKey, run.redriveDate());
      }
    }
    interpreter.redrive(run);
    return run.redriveDate();
  }

  /** The whole history, oldest first. */
  public List<HistoryEvent> getExecutionHistory(String executionArn) {
    return execution(executionArn).history();
  }

  /** GetExecutionHistory with the service's paging and options. */
  public Page<HistoryEvent> getExecutionHistory(String executionArn, Integer maxResults, String nextToken, boolean reverseOrder,
      boolean includeExecutionData) {
    List<HistoryEvent> events = new ArrayList<>(execution(executionArn).history());
    if (reverseOrder) {
      Collections.reverse(events);
    }
    if (!includeExecutionData) {
      events.replaceAll(StepFunctionsEngine::withoutData);
    }
    return page(events, maxResults, nextToken);
  }

  private static HistoryEvent withoutData(HistoryEvent event) {
    if (event.details() == null) {
      return event;
    }
    ObjectNode details = event.details().deepCopy();
    details.remove(List.of("input", "output", "parameters", "inputDetails", "outputDetails"));
    return new HistoryEvent(event.id(), event.previousEventId(), event.timestamp(), event.type(), details);
  }

  // ------------------------------------------------------------------ callbacks

  public void sendTaskSuccess(String taskToken, String output) {
    tokens.succeed(taskToken, output);
  }

  public void sendTaskFailure(String taskToken, String error, String cause) {
    tokens.fail(taskToken, error, cause);
  }

  public void sendTaskHeartbeat(String taskToken) {
    tokens.heartbeat(taskToken);
  }

  // ------------------------------------------------------------------ restarts

  /**
   * Saves the executions to {@code dir}, one file each: closed ones as they ended, running ones
   * with the state they are in, for {@link #restoreExecutions} after a restart. Only what changed
   * since the last save to {@code dir} is written. Safe to call while executions run.
   */
  public void saveExecutions(Path dir) {
    archive(dir).save(executions.values());
  }

  /**
   * Brings back what {@link #saveExecutions} saved: closed executions to describe, list and read
   * the history of, and running ones resumed at the state they were in (see
   * {@link Interpreter#resume}), each on the definition it started with, as AWS runs an execution
   * to its end on the definition it started with. Executions this engine already has are left as
   * they are. Call it once the resources the tasks use are ready.
   *
   * @return how many running executions were resumed
   */
  public int restoreExecutions(Path dir) {
    int resumed = 0;
    // Executions of one machine share its definition text: parse each text once, not once per execution.
    Map<String, StateMachineDefinition> parsed = new HashMap<>();
    for (ExecutionRun.Saved saved : archive(dir).read(definition -> parsed.computeIfAbsent(definition, this::validate))) {
      ExecutionRun run = new ExecutionRun(saved, clock);
      if (executions.putIfAbsent(run.arn(), run) == null && run.status() == ExecutionStatus.RUNNING) {
        interpreter.resume(run);
        resumed++;
      }
    }
    return resumed;
  }

  private ExecutionArchive archive(Path dir) {
    return archives.computeIfAbsent(dir.toAbsolutePath().normalize(), ExecutionArchive::new);
  }

  @Override
  public void close() {
    executions.values().forEach(r -> r.finishAborted(Json.object().put("cause", "The local engine was shut down"), null, "The local engine was shut down"));
    executor.shutdownNow();
  }

  // ------------------------------------------------------------------ helpers

  private Instant now() {
    return clock.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private Machine machine(String arn) {
    checkArn(arn, "stateMachine");
    Machine machine = machines.get(arn);
    if (machine == null) {
      throw new SfnServiceException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
    }
    return machine;
  }

  private ExecutionRun execution(String arn) {
    checkArn(arn, "execution");
    ExecutionRun run = executions.get(arn);
    if (run == null) {
      throw new SfnServiceException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
    }
    return run;
  }

  private static void checkArn(String arn, String resourceType) {
    String prefix = "arn:aws:states:";
    if (arn == null || !arn.startsWith(prefix) || !arn.contains(":" + resourceType + ":")) {
      throw new SfnServiceException("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
    }
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new SfnServiceException("InvalidName", "Invalid Name: '" + name + "'");
    }
  }

  private static <T> Page<T> page(List<T> all, Integer maxResults, String nextToken) {
    int size = maxResults == null || maxResults <= 0 ? DEFAULT_PAGE : Math.min(maxResults, MAX_PAGE);
    int from = 0;
    if (nextToken != null) {
      try {
        from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new SfnServiceException("InvalidToken", "Invalid Token: '" + nextToken + "'");
      }
    }
    int to = Math.min(all.size(), from + size);
    String next = to < all.size()
        ? Base64.getUrlEncoder().withoutPadding().encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8))
        : null;
    return new Page<>(List.copyOf(all.subList(Math.min(from, all.size()), to)), next);
  }
}

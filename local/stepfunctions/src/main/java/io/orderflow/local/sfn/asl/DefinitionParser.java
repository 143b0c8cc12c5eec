package io.orderflow.local.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.orderflow.local.sfn.json.Intrinsics;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.json.JsonPaths;
import io.orderflow.local.sfn.json.JsonataExpressions;
import io.orderflow.local.sfn.json.PayloadTemplate;
import io.orderflow.local.sfn.json.ReferencePath;
import io.orderflow.local.sfn.json.Timestamps;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns definition JSON into {@link State} records and collects every problem the service would
 * report (missing or unknown targets, missing Type, terminal states without End, misplaced
 * States.ALL, unknown fields, unreachable states, unsupported resources, bad paths...).
 * Problems are reported with a code and a location like AWS does, e.g.
 * {@code MISSING_TRANSITION_TARGET: State 'Reserve' has Next 'Nope' which is not a state at /States/Reserve/Next}.
 */
final class DefinitionParser {

  private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");
  private static final Set<String> FLOW = Set.of("Next", "End");
  private static final Set<String> IO = Set.of("InputPath", "OutputPath");
  private static final Map<String, Set<String>> FIELDS =
      Map.of(
          "Pass", union(COMMON, FLOW, IO, Set.of("Parameters", "Result", "ResultPath")),
          "Task",
              union(COMMON, FLOW, IO,
                  Set.of("Resource", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch",
                      "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds",
                      "HeartbeatSecondsPath", "Credentials")),
          "Choice", union(COMMON, IO, Set.of("Choices", "Default")),
          "Wait", union(COMMON, FLOW, IO, Set.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")),
          "Succeed", union(COMMON, IO),
          "Fail", union(COMMON, Set.of("Error", "ErrorPath", "Cause", "CausePath")),
          "Parallel",
              union(COMMON, FLOW, IO,
                  Set.of("Branches", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch")),
          "Map",
              union(COMMON, FLOW, IO,
                  Set.of("ItemProcessor", "Iterator", "ItemsPath", "ItemSelector", "Parameters",
                      "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailureCount",
                      "ToleratedFailureCountPath", "ToleratedFailurePercentage",
                      "ToleratedFailurePercentagePath", "ResultSelector", "ResultPath", "Retry",
                      "Catch", "ItemReader", "ItemBatcher", "ResultWriter", "Label")));

  /** The fields of JSONata states: no paths, no Parameters/ResultSelector/ResultPath; Arguments, Output, Items instead. */
  private static final Map<String, Set<String>> JSONATA_FIELDS =
      Map.of(
          "Pass", union(COMMON, FLOW, Set.of("Output", "Assign")),
          "Task",
              union(COMMON, FLOW,
                  Set.of("Resource", "Arguments", "Output", "Assign", "Retry", "Catch", "TimeoutSeconds",
                      "HeartbeatSeconds", "Credentials")),
          "Choice", union(COMMON, Set.of("Choices", "Default", "Output", "Assign")),
          "Wait", union(COMMON, FLOW, Set.of("Seconds", "Timestamp", "Output", "Assign")),
          "Succeed", union(COMMON, Set.of("Output")),
          "Fail", union(COMMON, Set.of("Error", "Cause")),
          "Parallel", union(COMMON, FLOW, Set.of("Branches", "Arguments", "Output", "Assign", "Retry", "Catch")),
          "Map",
              union(COMMON, FLOW,
                  Set.of("ItemProcessor", "Items", "ItemSelector", "MaxConcurrency", "ToleratedFailureCount",
                      "ToleratedFailurePercentage", "Output", "Assign", "Retry", "Catch", "ItemReader",
                      "ItemBatcher", "ResultWriter", "Label")));

  /** A variable name: a letter or underscore, then letters, digits and underscores. */
  private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,79}");

  private final Predicate<String> resourceSupported;
  private final List<String> problems = new ArrayList<>();
  private boolean machineJsonata;

  DefinitionParser(Predicate<String> resourceSupported) {
    this.resourceSupported = resourceSupported;
  }

  StateMachineDefinition parse(String json) {
    JsonNode root;
    try {
      root = Json.parse(json);
    } catch (IllegalArgumentException e) {
      throw new InvalidDefinitionException(List.of("INVALID_JSON_DESCRIPTION: " + e.getMessage()));
    }
    if (!root.isObject()) {
      throw new InvalidDefinitionException(
          List.of("SCHEMA_VALIDATION_FAILED: The definition must be a JSON object"));
    }
    unknownFields(root, Set.of("Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage"), "");
    machineJsonata = isJsonata(root, false, "");
    Integer timeout = positiveInt(root, "TimeoutSeconds", "");
    StatesBlock block = block(root, "");
    if (!problems.isEmpty()) {
      throw new InvalidDefinitionException(problems);
    }
    return new StateMachineDefinition(block, timeout);
  }

  private StatesBlock block(JsonNode node, String where) {
    JsonNode startAt = node.get("StartAt");
    JsonNode states = node.get("States");
    if (startAt == null || !startAt.isTextual()) {
      problems.add("SCHEMA_VALIDATION_FAILED: The field 'StartAt' is required at " + where + "/StartAt");
    }
    if (states == null || !states.isObject() || states.isEmpty()) {
      problems.add("SCHEMA_VALIDATION_FAILED: The field 'States' must be a non-empty object at " + where + "/States");
      return new StatesBlock(startAt == null ? "" : startAt.asText(), Map.of());
    }
    Map<String, State> parsed = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      String at = where + "/States/" + name;
      if (name.isEmpty() || name.length() > 80) {
        problems.add("SCHEMA_VALIDATION_FAILED: State names must be 1 to 80 characters at " + at);
      }
      State state = state(name, entry.getValue(), at);
      if (state != null) {
        parsed.put(name, state);
      }
    }
    if (startAt != null && startAt.isTextual() && !states.has(startAt.textValue())) {
      problems.add("MISSING_TRANSITION_TARGET: StartAt '" + startAt.textValue() + "' is not a state at " + where + "/StartAt");
    }
    checkTargets(parsed, states, where);
    if (startAt != null && states.has(startAt.asText())) {
      checkReachable(startAt.asText(), parsed, where);
    }
    return new StatesBlock(startAt == null ? "" : startAt.asText(), Map.copyOf(parsed));
  }

  private void checkTargets(Map<String, State> parsed, JsonNode states, String where) {
    for (State state : parsed.values()) {
      String at = where + "/States/" + state.name();
      String next = state.common().next();
      if (next != null && !states.has(next)) {
        problems.add("MISSING_TRANSITION_TARGET: State '" + state.name() + "' has Next '" + next + "' which is not a state at " + at + "/Next");
      }
      for (Catcher catcher : catchers(state)) {
        if (!states.has(catcher.next())) {
          problems.add("MISSING_TRANSITION_TARGET: State '" + state.name() + "' has a Catch with Next '" + catcher.next() + "' which is not a state at " + at + "/Catch");
        }
      }
      if (state instanceof State.Choice choice) {
        for (State.Choice.Option option : choice.choices()) {
          String target = option.next();
          if (target != null && !states.has(target)) {
            problems.add("MISSING_TRANSITION_TARGET: State '" + state.name() + "' has a choice with Next '" + target + "' which is not a state at " + at + "/Choices");
          }
        }
        if (choice.defaultState() != null && !states.has(choice.defaultState())) {
          problems.add("MISSING_TRANSITION_TARGET: State '" + state.name() + "' has Default '" + choice.defaultState() + "' which is not a state at " + at + "/Default");
        }
      }
    }
  }

  private void checkReachable(String startAt, Map<String, State> parsed, String where) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(startAt));
    while (!todo.isEmpty()) {
      String name = todo.pop();
      State state = parsed.get(name);
      if (state == null || !seen.add(name)) {
        continue;
      }
      if (state.common().next() != null) {
        todo.push(state.common().next());
      }
      catchers(state).forEach(c -> todo.push(c.next()));
      if (state instanceof State.Choice choice) {
        choice.choices().forEach(option -> {
          if (option.next() != null) {
            todo.push(option.next());
          }
        });
        if (choice.defaultState() != null) {
          todo.push(choice.defaultState());
        }
      }
    }
    for (String name : parsed.keySet()) {
      if (!seen.contains(name)) {
        problems.add("UNREACHABLE_STATE: State '" + name + "' is not reachable at " + where + "/States/" + name);
      }
    }
  }

  private static List<Catcher> catchers(State state) {
    if (state instanceof State.Task t) {
      return t.catchers();
    }
    if (state instanceof State.Parallel p) {
      return p.catchers();
    }
    if (state instanceof State.Map m) {
      return m.catchers();
    }
    return List.of();
  }

  private State state(String name, JsonNode node, String at) {
    if (!node.isObject()) {
      problems.add("SCHEMA_VALIDATION_FAILED: A state must be a JSON object at " + at);
      return null;
    }
    JsonNode typeNode = node.get("Type");
    if (typeNode == null || !typeNode.isTextual()) {
      problems.add("SCHEMA_VALIDATION_FAILED: State '" + name + "' has no Type at " + at + "/Type");
      return null;
    }
    String type = typeNode.textValue();
    boolean jsonata = isJsonata(node, machineJsonata, at);
    Set<String> allowed = jsonata ? JSONATA_FIELDS.get(type) : FIELDS.get(type);
    if (allowed == null) {
      problems.add("SCHEMA_VALIDATION_FAILED: State '" + name + "' has unknown Type '" + type + "' at " + at + "/Type");
      return null;
    }
    if (!jsonata && !type.equals("Succeed") && !type.equals("Fail")) {
      allowed = union(allowed, Set.of("Assign"));
    }
    unknownFields(node, allowed, at);
    State.Common common = common(name, type, node, at, jsonata);
    if (jsonata) {
      return jsonataState(common, node, at);
    }
    return switch (type) {
      case "Pass" -> new State.Pass(common, template(node, "Parameters", at), node.get("Result"), resultPath(node, "ResultPath", at));
      case "Task" -> task(common, node, at);
      case "Choice" -> choice(common, node, at);
      case "Wait" -> waitState(common, node, at);
      case "Succeed" -> new State.Succeed(common);
      case "Fail" -> fail(common, node, at);
      case "Parallel" -> parallel(common, node, at);
      case "Map" -> map(common, node, at);
      default -> throw new IllegalStateException(type);
    };
  }

  private boolean isJsonata(JsonNode node, boolean inherited, String at) {
    JsonNode language = node.get("QueryLanguage");
    if (language == null) {
      return inherited;
    }
    if (!language.isTextual() || !(language.textValue().equals("JSONPath") || language.textValue().equals("JSONata"))) {
      problems.add("SCHEMA_VALIDATION_FAILED: QueryLanguage must be JSONPath or JSONata at " + at + "/QueryLanguage");
      return inherited;
    }
    if (inherited && language.textValue().equals("JSONPath")) {
      problems.add("SCHEMA_VALIDATION_FAILED: A state cannot use JSONPath when the state machine uses JSONata at " + at + "/QueryLanguage");
    }
    return language.textValue().equals("JSONata");
  }

  /** A JSONata state: the same records, fields read the JSONata way (see {@link State}). */
  private State jsonataState(State.Common common, JsonNode node, String at) {
    return switch (common.type()) {
      case "Pass", "Succeed" -> common.type().equals("Pass") ? new State.Pass(common, null, null, null) : new State.Succeed(common);
      case "Task" -> {
        JsonNode resource = node.get("Resource");
        if (resource == null || !resource.isTextual()) {
          problems.add("SCHEMA_VALIDATION_FAILED: Task state '" + common.name() + "' needs a Resource at " + at + "/Resource");
        } else if (!resourceSupported.test(resource.textValue())) {
          problems.add("SCHEMA_VALIDATION_FAILED: The resource '" + resource.textValue() + "' is not supported at " + at + "/Resource");
        }
        yield new State.Task(common, resource == null ? null : resource.asText(), jsonataTemplate(node, "Arguments", at), null, null,
            retriers(node, at), catchers(node, at, true), positiveIntUnlessExpression(node, "TimeoutSeconds", at),
            expression(node, "TimeoutSeconds", at), positiveIntUnlessExpression(node, "HeartbeatSeconds", at),
            expression(node, "HeartbeatSeconds", at));
      }
      case "Choice" -> jsonataChoice(common, node, at);
      case "Wait" -> {
        int given = (node.has("Seconds") ? 1 : 0) + (node.has("Timestamp") ? 1 : 0);
        if (given != 1) {
          problems.add("SCHEMA_VALIDATION_FAILED: Wait state '" + common.name() + "' needs exactly one of Seconds, Timestamp at " + at);
        }
        String secondsExpression = expression(node, "Seconds", at);
        Long seconds = null;
        if (node.has("Seconds") && secondsExpression == null) {
          JsonNode value = node.get("Seconds");
          if (!value.isIntegralNumber() || value.longValue() < 0) {
            problems.add("SCHEMA_VALIDATION_FAILED: Seconds must be a non-negative integer or a JSONata expression at " + at + "/Seconds");
          } else {
            seconds = value.longValue();
          }
        }
        String timestampExpression = expression(node, "Timestamp", at);
        String timestamp = null;
        if (node.has("Timestamp") && timestampExpression == null) {
          if (Timestamps.parse(node.get("Timestamp")) == null) {
            problems.add("SCHEMA_VALIDATION_FAILED: Timestamp must be an RFC 3339 timestamp at " + at + "/Timestamp");
          } else {
            timestamp = node.get("Timestamp").textValue();
          }
        }
        yield new State.Wait(common, seconds, secondsExpression, timestamp, timestampExpression);
      }
      case "Fail" -> {
        String error = expression(node, "Error", at);
        String cause = expression(node, "Cause", at);
        yield new State.Fail(common, error == null ? text(node, "Error") : null, error, cause == null ? text(node, "Cause") : null, cause);
      }
      case "Parallel" -> {
        JsonNode branches = node.get("Branches");
        List<StatesBlock> blocks = new ArrayList<>();
        if (branches == null || !branches.isArray() || branches.isEmpty()) {
          problems.add("SCHEMA_VALIDATION_FAILED: Parallel state '" + common.name() + "' needs a non-empty Branches array at " + at + "/Branches");
        } else {
          for (int i = 0; i < branches.size(); i++) {
            unknownFields(branches.get(i), Set.of("StartAt", "States", "Comment"), at + "/Branches[" + i + "]");
            blocks.add(block(branches.get(i), at + "/Branches[" + i + "]"));
          }
        }
        yield new State.Parallel(common, List.copyOf(blocks), jsonataTemplate(node, "Arguments", at), null, null, retriers(node, at),
            catchers(node, at, true));
      }
      case "Map" -> {
        JsonNode processor = node.get("ItemProcessor");
        StatesBlock block = new StatesBlock("", Map.of());
        if (processor == null || !processor.isObject()) {
          problems.add("SCHEMA_VALIDATION_FAILED: Map state '" + common.name() + "' needs an ItemProcessor at " + at + "/ItemProcessor");
        } else {
          unknownFields(processor, Set.of("StartAt", "States", "Comment", "ProcessorConfig"), at + "/ItemProcessor");
          block = block(processor, at + "/ItemProcessor");
        }
        if (node.has("ItemReader") || node.has("ResultWriter") || node.has("ItemBatcher")) {
          problems.add("SCHEMA_VALIDATION_FAILED: ItemReader, ItemBatcher and ResultWriter (Distributed Map) are not supported by the local engine at " + at);
        }
        JsonNode items = jsonataTemplate(node, "Items", at);
        if (items != null && !items.isArray() && !(items.isTextual() && JsonataExpressions.isExpression(items.textValue()))) {
          problems.add("SCHEMA_VALIDATION_FAILED: Items must be an array or a JSONata expression at " + at + "/Items");
        }
        Double percentage = null;
        if (node.has("ToleratedFailurePercentage") && expression(node, "ToleratedFailurePercentage", at) == null) {
          JsonNode p = node.get("ToleratedFailurePercentage");
          if (!p.isNumber() || p.doubleValue() < 0 || p.doubleValue() > 100) {
            problems.add("SCHEMA_VALIDATION_FAILED: ToleratedFailurePercentage must be a number from 0 to 100 at " + at);
          } else {
            percentage = p.doubleValue();
          }
        }
        yield new State.Map(common, block, null, items, jsonataTemplate(node, "ItemSelector", at),
            nonNegativeIntUnlessExpression(node, "MaxConcurrency", at), expression(node, "MaxConcurrency", at),
            nonNegativeIntUnlessExpression(node, "ToleratedFailureCount", at), expression(node, "ToleratedFailureCount", at),
            percentage, expression(node, "ToleratedFailurePercentage", at), null, null, retriers(node, at), catchers(node, at, true));
      }
      default -> throw new IllegalStateException(common.type());
    };
  }

  private State.Choice jsonataChoice(State.Common common, JsonNode node, String at) {
    JsonNode choices = node.get("Choices");
    List<State.Choice.Option> options = new ArrayList<>();
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      problems.add("SCHEMA_VALIDATION_FAILED: Choice state '" + common.name() + "' needs a non-empty Choices array at " + at + "/Choices");
    } else {
      for (int i = 0; i < choices.size(); i++) {
        JsonNode choice = choices.get(i);
        String where = at + "/Choices[" + i + "]";
        unknownFields(choice, Set.of("Condition", "Next", "Assign", "Output", "Comment"), where);
        if (!choice.path("Next").isTextual()) {
          problems.add("SCHEMA_VALIDATION_FAILED: A choice rule must have a Next at " + where);
        }
        String condition = expression(choice, "Condition", where);
        if (condition == null) {
          problems.add("SCHEMA_VALIDATION_FAILED: A JSONata choice rule needs a Condition that is a JSONata expression at " + where + "/Condition");
        }
        options.add(new State.Choice.Option(new ChoiceRule.Condition(condition), choice.path("Next").asText(null),
            assign(choice, where, true), jsonataTemplate(choice, "Output", where)));
      }
    }
    JsonNode defaultState = node.get("Default");
    return new State.Choice(common, List.copyOf(options), defaultState == null ? null : defaultState.asText());
  }

  /** A field given as a {@code {% expression %}} string: the text, else null (and a problem if it doesn't parse). */
  private String expression(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || !JsonataExpressions.isExpression(value.textValue())) {
      return null;
    }
    try {
      JsonataExpressions.validate(value.textValue());
    } catch (IllegalArgumentException e) {
      problems.add("SCHEMA_VALIDATION_FAILED: " + e.getMessage() + " at " + at + "/" + field);
    }
    return value.textValue();
  }

  private Integer positiveIntUnlessExpression(JsonNode node, String field, String at) {
    return node.path(field).isTextual() ? null : positiveInt(node, field, at);
  }

  private Integer nonNegativeIntUnlessExpression(JsonNode node, String field, String at) {
    return node.path(field).isTextual() ? null : nonNegativeInt(node, field, at);
  }

  /** A JSON template whose {@code {% %}} strings are JSONata expressions (Arguments, Output, ItemSelector, Assign values). */
  private JsonNode jsonataTemplate(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value != null) {
      checkExpressions(value, at + "/" + field);
    }
    return value;
  }

  private void checkExpressions(JsonNode value, String at) {
    if (value.isTextual() && JsonataExpressions.isExpression(value.textValue())) {
      try {
        JsonataExpressions.validate(value.textValue());
      } catch (IllegalArgumentException e) {
        problems.add("SCHEMA_VALIDATION_FAILED: " + e.getMessage() + " at " + at);
      }
    } else if (value.isObject()) {
      value.fields().forEachRemaining(f -> checkExpressions(f.getValue(), at + "/" + f.getKey()));
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        checkExpressions(value.get(i), at + "[" + i + "]");
      }
    }
  }

  /** Assign: an object of variable names (JSONPath: {@code name.$} for a path) to values. */
  private JsonNode assign(JsonNode node, String at, boolean jsonata) {
    JsonNode assign = node.get("Assign");
    if (assign == null) {
      return null;
    }
    if (!assign.isObject()) {
      problems.add("SCHEMA_VALIDATION_FAILED: Assign must be an object at " + at + "/Assign");
      return null;
    }
    for (Iterator<String> it = assign.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      String name = !jsonata && key.endsWith(".$") ? key.substring(0, key.length() - 2) : key;
      if (!VARIABLE.matcher(name).matches() || name.equals("states")) {
        problems.add("SCHEMA_VALIDATION_FAILED: '" + name + "' is not a valid variable name at " + at + "/Assign/" + key);
      }
    }
    if (jsonata) {
      checkExpressions(assign, at + "/Assign");
    } else {
      PayloadTemplate.validate(assign, at + "/Assign", problems);
    }
    return assign;
  }

  private State.Common common(String name, String type, JsonNode node, String at, boolean jsonata) {
    boolean terminalType = type.equals("Succeed") || type.equals("Fail") || type.equals("Choice");
    JsonNode next = node.get("Next");
    boolean end = node.path("End").asBoolean(false);
    if (!terminalType) {
      if (next == null && !end) {
        problems.add("SCHEMA_VALIDATION_FAILED: State '" + name + "' must have either Next or \"End\": true at " + at);
      } else if (next != null && end) {
        problems.add("SCHEMA_VALIDATION_FAILED: State '" + name + "' cannot have both Next and End at " + at);
      } else if (next != null && !next.isTextual()) {
        problems.add("SCHEMA_VALIDATION_FAILED: Next must be a string at " + at + "/Next");
      }
      if (node.has("End") && !node.get("End").isBoolean()) {
        problems.add("SCHEMA_VALIDATION_FAILED: End must be a boolean at " + at + "/End");
      }
    }
    return new State.Common(
        name,
        type,
        next != null && next.isTextual() && !terminalType ? next.textValue() : null,
        jsonata ? null : path(node, "InputPath", at),
        jsonata ? null : path(node, "OutputPath", at),
        jsonata,
        assign(node, at, jsonata),
        jsonata ? jsonataTemplate(node, "Output", at) : null);
  }

  private State.Task task(State.Common common, JsonNode node, String at) {
    JsonNode resource = node.get("Resource");
    if (resource == null || !resource.isTextual()) {
      problems.add("SCHEMA_VALIDATION_FAILED: Task state '" + common.name() + "' needs a Resource at " + at + "/Resource");
    } else if (!resourceSupported.test(resource.textValue())) {
      problems.add("SCHEMA_VALIDATION_FAILED: The resource '" + resource.textValue() + "' is not supported at " + at + "/Resource");
    }
    Integer timeout = positiveInt(node, "TimeoutSeconds", at);
    Integer heartbeat = positiveInt(node, "HeartbeatSeconds", at);
    String timeoutPath = referencePath(node, "TimeoutSecondsPath", at);
    String heartbeatPath = referencePath(node, "HeartbeatSecondsPath", at);
    if (timeout != null && timeoutPath != null) {
      problems.add("SCHEMA_VALIDATION_FAILED: TimeoutSeconds and TimeoutSecondsPath are exclusive at " + at);
    }
    if (heartbeat != null && heartbeatPath != null) {
      problems.add("SCHEMA_VALIDATION_FAILED: HeartbeatSeconds and HeartbeatSecondsPath are exclusive at " + at);
    }
    if (timeout != null && heartbeat != null && heartbeat >= timeout) {
      problems.add("SCHEMA_VALIDATION_FAILED: HeartbeatSeconds must be smaller than TimeoutSeconds at " + at + "/HeartbeatSeconds");
    }
    return new State.Task(
        common,
        resource == null ? null : resource.asText(),
        template(node, "Parameters", at),
        template(node, "ResultSelector", at),
        resultPath(node, "ResultPath", at),
        retriers(node, at),
        catchers(node, at, false),
        timeout,
        timeoutPath,
        heartbeat,
        heartbeatPath);
  }

  private State.Choice choice(State.Common common, JsonNode node, String at) {
    JsonNode choices = node.get("Choices");
    List<State.Choice.Option> rules = new ArrayList<>();
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      problems.add("SCHEMA_VALIDATION_FAILED: Choice state '" + common.name() + "' needs a non-empty Choices array at " + at + "/Choices");
    } else {
      for (int i = 0; i < choices.size(); i++) {
        JsonNode choice = choices.get(i);
        ChoiceRule rule = ChoiceRules.parse(choice, true, at + "/Choices[" + i + "]", problems);
        rules.add(new State.Choice.Option(rule, choice.path("Next").asText(null), choice.isObject() ? assign(choice, at + "/Choices[" + i + "]", false) : null, null));
      }
    }
    JsonNode defaultState = node.get("Default");
    return new State.Choice(common, List.copyOf(rules), defaultState == null ? null : defaultState.asText());
  }

  private State.Wait waitState(State.Common common, JsonNode node, String at) {
    int given = 0;
    for (String f : List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")) {
      given += node.has(f) ? 1 : 0;
    }
    if (given != 1) {
      problems.add("SCHEMA_VALIDATION_FAILED: Wait state '" + common.name() + "' needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath at " + at);
    }
    Long seconds = null;
    if (node.has("Seconds")) {
      JsonNode s = node.get("Seconds");
      if (!s.canConvertToLong() || !s.isIntegralNumber() || s.longValue() < 0) {
        problems.add("SCHEMA_VALIDATION_FAILED: Seconds must be a non-negative integer at " + at + "/Seconds");
      } else {
        seconds = s.longValue();
      }
    }
    String timestamp = null;
    if (node.has("Timestamp")) {
      if (Timestamps.parse(node.get("Timestamp")) == null) {
        problems.add("SCHEMA_VALIDATION_FAILED: Timestamp must be an RFC 3339 timestamp at " + at + "/Timestamp");
      } else {
        timestamp = node.get("Timestamp").textValue();
      }
    }
    return new State.Wait(common, seconds, referencePath(node, "SecondsPath", at), timestamp, referencePath(node, "TimestampPath", at));
  }

  private State.Fail fail(State.Common common, JsonNode node, String at) {
    if (node.has("Error") && node.has("ErrorPath")) {
      problems.add("SCHEMA_VALIDATION_FAILED: Error and ErrorPath are exclusive at " + at);
    }
    if (node.has("Cause") && node.has("CausePath")) {
      problems.add("SCHEMA_VALIDATION_FAILED: Cause and CausePath are exclusive at " + at);
    }
    return new State.Fail(common, text(node, "Error"), dynamicPath(node, "ErrorPath", at), text(node, "Cause"), dynamicPath(node, "CausePath", at));
  }

  private State.Parallel parallel(State.Common common, JsonNode node, String at) {
    JsonNode branches = node.get("Branches");
    List<StatesBlock> blocks = new ArrayList<>();
    if (branches == null || !branches.isArray() || branches.isEmpty()) {
      problems.add("SCHEMA_VALIDATION_FAILED: Parallel state '" + common.name() + "' needs a non-empty Branches array at " + at + "/Branches");
    } else {
      for (int i = 0; i < branches.size(); i++) {
        unknownFields(branches.get(i), Set.of("StartAt", "States", "Comment"), at + "/Branches[" + i + "]");
        blocks.add(block(branches.get(i), at + "/Branches[" + i + "]"));
      }
    }
    return new State.Parallel(common, List.copyOf(blocks), template(node, "Parameters", at), template(node, "ResultSelector", at),
        resultPath(node, "ResultPath", at), retriers(node, at), catchers(node, at, false));
  }

  private State.Map map(State.Common common, JsonNode node, String at) {
    JsonNode processor = node.has("ItemProcessor") ? node.get("ItemProcessor") : node.get("Iterator");
    String processorField = node.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
    StatesBlock block = new StatesBlock("", Map.of());
    if (node.has("ItemProcessor") && node.has("Iterator")) {
      problems.add("SCHEMA_VALIDATION_FAILED: ItemProcessor and Iterator are exclusive at " + at);
    }
    if (processor == null || !processor.isObject()) {
      problems.add("SCHEMA_VALIDATION_FAILED: Map state '" + common.name() + "' needs an ItemProcessor at " + at + "/ItemProcessor");
    } else {
      unknownFields(processor, Set.of("StartAt", "States", "Comment", "ProcessorConfig"), at + "/" + processorField);
      block = block(processor, at + "/" + processorField);
    }
    if (node.has("ItemReader") || node.has("ResultWriter") || node.has("ItemBatcher")) {
      problems.add("SCHEMA_VALIDATION_FAILED: ItemReader, ItemBatcher and ResultWriter (Distributed Map) are not supported by the local engine at " + at);
    }
    if (node.has("ItemSelector") && node.has("Parameters")) {
      problems.add("SCHEMA_VALIDATION_FAILED: ItemSelector and Parameters are exclusive at " + at);
    }
    JsonNode selector = node.has("ItemSelector") ? template(node, "ItemSelector", at) : template(node, "Parameters", at);
    Double percentage = null;
    if (node.has("ToleratedFailurePercentage")) {
      JsonNode p = node.get("ToleratedFailurePercentage");
      if (!p.isNumber() || p.doubleValue() < 0 || p.doubleValue() > 100) {
        problems.add("SCHEMA_VALIDATION_FAILED: ToleratedFailurePercentage must be a number from 0 to 100 at " + at);
      } else {
        percentage = p.doubleValue();
      }
    }
    return new State.Map(
        common,
        block,
        referencePath(node, "ItemsPath", at),
        null,
        selector,
        nonNegativeInt(node, "MaxConcurrency", at),
        referencePath(node, "MaxConcurrencyPath", at),
        nonNegativeInt(node, "ToleratedFailureCount", at),
        referencePath(node, "ToleratedFailureCountPath", at),
        percentage,
        referencePath(node, "ToleratedFailurePercentagePath", at),
        template(node, "ResultSelector", at),
        resultPath(node, "ResultPath", at),
        retriers(node, at),
        catchers(node, at, false));
  }

  private List<Retrier> retriers(JsonNode node, String at) {
    JsonNode retry = node.get("Retry");
    if (retry == null) {
      return List.of();
    }
    if (!retry.isArray()) {
      problems.add("SCHEMA_VALIDATION_FAILED: Retry must be an array at " + at + "/Retry");
      return List.of();
    }
    List<Retrier> out = new ArrayList<>();
    for (int i = 0; i < retry.size(); i++) {
      JsonNode r = retry.get(i);
      String where = at + "/Retry[" + i + "]";
      unknownFields(r, Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"), where);
      List<String> errors = errorEquals(r, where, i == retry.size() - 1, "retrier");
      double interval = r.path("IntervalSeconds").asDouble(1);
      int maxAttempts = r.path("MaxAttempts").asInt(3);
      double backoff = r.path("BackoffRate").asDouble(2.0);
      if (r.has("IntervalSeconds") && (!r.get("IntervalSeconds").isIntegralNumber() || interval < 1)) {
        problems.add("SCHEMA_VALIDATION_FAILED: IntervalSeconds must be a positive integer at " + where);
      }
      if (r.has("MaxAttempts") && (!r.get("MaxAttempts").isIntegralNumber() || maxAttempts < 0)) {
        problems.add("SCHEMA_VALIDATION_FAILED: MaxAttempts must be a non-negative integer at " + where);
      }
      if (r.has("BackoffRate") && (!r.get("BackoffRate").isNumber() || backoff < 1.0)) {
        problems.add("SCHEMA_VALIDATION_FAILED: BackoffRate must be a number >= 1.0 at " + where);
      }
      Double maxDelay = null;
      if (r.has("MaxDelaySeconds")) {
        if (!r.get("MaxDelaySeconds").isIntegralNumber() || r.get("MaxDelaySeconds").asLong() < 1) {
          problems.add("SCHEMA_VALIDATION_FAILED: MaxDelaySeconds must be a positive integer at " + where);
        } else {
          maxDelay = r.get("MaxDelaySeconds").asDouble();
        }
      }
      String jitter = r.path("JitterStrategy").asText("NONE");
      if (!jitter.equals("NONE") && !jitter.equals("FULL")) {
        problems.add("SCHEMA_VALIDATION_FAILED: JitterStrategy must be FULL or NONE at " + where);
      }
      out.add(new Retrier(errors, interval, maxAttempts, backoff, maxDelay, jitter.equals("FULL")));
    }
    return List.copyOf(out);
  }

  private List<Catcher> catchers(JsonNode node, String at, boolean jsonata) {
    JsonNode catchNode = node.get("Catch");
    if (catchNode == null) {
      return List.of();
    }
    if (!catchNode.isArray()) {
      problems.add("SCHEMA_VALIDATION_FAILED: Catch must be an array at " + at + "/Catch");
      return List.of();
    }
    List<Catcher> out = new ArrayList<>();
    for (int i = 0; i < catchNode.size(); i++) {
      JsonNode c = catchNode.get(i);
      String where = at + "/Catch[" + i + "]";
      unknownFields(c, Set.of("ErrorEquals", "Next", jsonata ? "Output" : "ResultPath", "Assign", "Comment"), where);
      List<String> errors = errorEquals(c, where, i == catchNode.size() - 1, "catcher");
      if (!c.path("Next").isTextual()) {
        problems.add("SCHEMA_VALIDATION_FAILED: A catcher needs a Next at " + where);
        continue;
      }
      out.add(new Catcher(errors, c.get("Next").textValue(), jsonata ? null : resultPath(c, "ResultPath", where),
          assign(c, where, jsonata), jsonata ? jsonataTemplate(c, "Output", where) : null));
    }
    return List.copyOf(out);
  }

  private List<String> errorEquals(JsonNode node, String where, boolean last, String what) {
    JsonNode errors = node.get("ErrorEquals");
    if (errors == null || !errors.isArray() || errors.isEmpty()) {
      problems.add("SCHEMA_VALIDATION_FAILED: ErrorEquals must be a non-empty array at " + where + "/ErrorEquals");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    errors.forEach(e -> out.add(e.asText()));
    if (out.contains("States.ALL") && (out.size() > 1 || !last)) {
      problems.add("SCHEMA_VALIDATION_FAILED: States.ALL must appear alone in ErrorEquals and in the last " + what + " at " + where + "/ErrorEquals");
    }
    return List.copyOf(out);
  }

  // ---------------------------------------------------------------- field helpers

  private JsonNode path(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return value == null ? null : NullNode.getInstance();
    }
    if (!value.isTextual() || !JsonPaths.isValid(value.textValue())) {
      problems.add("SCHEMA_VALIDATION_FAILED: " + field + " must be a valid JSONPath at " + at + "/" + field);
    }
    return value;
  }

  private JsonNode resultPath(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return value == null ? null : NullNode.getInstance();
    }
    try {
      ReferencePath.parse(value.asText());
    } catch (IllegalArgumentException e) {
      problems.add("SCHEMA_VALIDATION_FAILED: " + field + " must be a reference path: " + e.getMessage() + " at " + at + "/" + field);
    }
    return value;
  }

  private String referencePath(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    if (!value.isTextual() || !JsonPaths.isValid(value.textValue())) {
      problems.add("SCHEMA_VALIDATION_FAILED: " + field + " must be a valid path at " + at + "/" + field);
      return null;
    }
    return value.textValue();
  }

  /** ErrorPath/CausePath: a path or an intrinsic function. */
  private String dynamicPath(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    String text = value.asText();
    if (Intrinsics.isInvocation(text)) {
      try {
        Intrinsics.validate(text);
      } catch (IllegalArgumentException e) {
        problems.add("SCHEMA_VALIDATION_FAILED: " + e.getMessage() + " at " + at + "/" + field);
      }
    } else if (!JsonPaths.isValid(text)) {
      problems.add("SCHEMA_VALIDATION_FAILED: " + field + " must be a valid path or intrinsic function at " + at + "/" + field);
    }
    return text;
  }

  private JsonNode template(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value != null) {
      PayloadTemplate.validate(value, at + "/" + field, problems);
    }
    return value;
  }

  private Integer positiveInt(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > 99_999_999) {
      problems.add("SCHEMA_VALIDATION_FAILED: " + field + " must be a positive integer at " + at + "/" + field);
      return null;
    }
    return value.asInt();
  }

  private Integer nonNegativeInt(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || value.asLong() < 0) {
      problems.add("SCHEMA_VALIDATION_FAILED: " + field + " must be a non-negative integer at " + at + "/" + field);
      return null;
    }
    return value.asInt();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null ? null : value.asText();
  }

  private void unknownFields(JsonNode node, Set<String> allowed, String at) {
    if (!node.isObject()) {
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!allowed.contains(field)) {
        problems.add("SCHEMA_VALIDATION_FAILED: Field '" + field + "' is not supported at " + at + "/" + field);
      }
    }
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new HashSet<>();
    for (Set<String> s : sets) {
      all.addAll(s);
    }
    return Set.copyOf(all);
  }
}

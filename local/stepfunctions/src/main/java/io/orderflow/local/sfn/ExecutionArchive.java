package io.orderflow.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.asl.StateMachineDefinition;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.runtime.ExecutionRun;
import io.orderflow.local.sfn.runtime.ExecutionRun.Checkpoint;
import io.orderflow.local.sfn.runtime.ExecutionRun.MachineSnapshot;
import io.orderflow.local.sfn.runtime.ExecutionRun.Saved;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The engine's executions in one JSON file, so a local engine can stop and start again without
 * losing them. The file is written to a temporary name and moved into place, so a crash while
 * saving leaves the previous file whole.
 */
final class ExecutionArchive {

  private static final int FORMAT = 1;

  private ExecutionArchive() {}

  static void write(Path file, Collection<Saved> executions) {
    ObjectNode root = Json.object().put("format", FORMAT);
    ArrayNode list = root.putArray("executions");
    for (Saved saved : executions) {
      list.add(toJson(saved));
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path partial = file.resolveSibling(file.getFileName() + ".partial");
      Files.writeString(partial, Json.write(root), StandardCharsets.UTF_8);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not save the executions to " + file, e);
    }
  }

  /** The executions saved in {@code file}; none if there is no file yet. */
  static List<Saved> read(Path file, Function<String, StateMachineDefinition> parser) {
    if (!Files.exists(file)) {
      return List.of();
    }
    JsonNode root;
    try {
      root = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the saved executions in " + file, e);
    }
    if (root.path("format").asInt() != FORMAT) {
      throw new IllegalStateException(file + " holds executions in format " + root.path("format") + ", not " + FORMAT);
    }
    List<Saved> executions = new ArrayList<>();
    for (JsonNode execution : root.path("executions")) {
      executions.add(fromJson(execution, parser));
    }
    return executions;
  }

  private static ObjectNode toJson(Saved saved) {
    ObjectNode json = Json.object();
    MachineSnapshot machine = saved.machine();
    json.putObject("stateMachine")
        .put("arn", machine.arn())
        .put("name", machine.name())
        .put("roleArn", machine.roleArn())
        .put("definition", machine.definitionText());
    ExecutionDescription d = saved.description();
    json.put("executionArn", d.executionArn())
        .put("name", d.name())
        .put("status", d.status().name())
        .put("startDate", d.startDate().toString())
        .put("stopDate", d.stopDate() == null ? null : d.stopDate().toString())
        .put("input", d.input())
        .put("output", d.output())
        .put("error", d.error())
        .put("cause", d.cause());
    ArrayNode history = json.putArray("history");
    for (HistoryEvent event : saved.history()) {
      ObjectNode e = history.addObject()
          .put("id", event.id())
          .put("previousEventId", event.previousEventId())
          .put("timestamp", event.timestamp().toString())
          .put("type", event.type());
      e.set("details", event.details());
    }
    if (saved.checkpoint() != null) {
      ObjectNode checkpoint = json.putObject("checkpoint").put("state", saved.checkpoint().state());
      checkpoint.set("input", saved.checkpoint().input());
    }
    return json;
  }

  private static Saved fromJson(JsonNode json, Function<String, StateMachineDefinition> parser) {
    JsonNode m = json.path("stateMachine");
    String definition = m.path("definition").textValue();
    MachineSnapshot machine = new MachineSnapshot(
        m.path("arn").textValue(), m.path("name").textValue(), m.path("roleArn").textValue(), definition, parser.apply(definition));
    ExecutionDescription description = new ExecutionDescription(
        json.path("executionArn").textValue(),
        machine.arn(),
        json.path("name").textValue(),
        ExecutionStatus.valueOf(json.path("status").textValue()),
        Instant.parse(json.path("startDate").textValue()),
        json.path("stopDate").isTextual() ? Instant.parse(json.path("stopDate").textValue()) : null,
        json.path("input").textValue(),
        json.path("output").textValue(),
        json.path("error").textValue(),
        json.path("cause").textValue());
    List<HistoryEvent> history = new ArrayList<>();
    for (JsonNode e : json.path("history")) {
      history.add(new HistoryEvent(e.path("id").asLong(), e.path("previousEventId").asLong(),
          Instant.parse(e.path("timestamp").textValue()), e.path("type").textValue(),
          e.path("details").isObject() ? (ObjectNode) e.path("details") : null));
    }
    JsonNode checkpoint = json.path("checkpoint");
    return new Saved(machine, description, history,
        checkpoint.isObject() ? new Checkpoint(checkpoint.path("state").textValue(), checkpoint.path("input")) : null);
  }
}

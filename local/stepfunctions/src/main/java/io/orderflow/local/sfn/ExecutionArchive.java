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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The engine's executions in a directory, one JSON file each, so a local engine can stop and
 * start again without losing them. A save writes only the executions whose history grew since
 * they were last written, so an idle engine writes nothing and a closed execution is written once.
 * Each file is written under a temporary name and moved into place: a crash while saving leaves
 * the previous version whole.
 */
final class ExecutionArchive {

  private static final int FORMAT = 1;
  private static final String SUFFIX = ".json";

  private final Path dir;
  /** How many history events each execution had when it was last written or read. */
  private final Map<String, Integer> written = new HashMap<>();

  ExecutionArchive(Path dir) {
    this.dir = dir;
  }

  synchronized void save(Collection<ExecutionRun> runs) {
    for (ExecutionRun run : runs) {
      Integer before = written.get(run.arn());
      if (before != null && before == run.historySize()) {
        continue;
      }
      Saved saved = run.save();
      write(fileOf(saved), toJson(saved));
      written.put(run.arn(), saved.history().size());
    }
  }

  /** The executions saved in the directory; none if there is none yet. */
  synchronized List<Saved> read(Function<String, StateMachineDefinition> parser) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Saved> executions = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir, 2)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
        JsonNode json = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        if (json.path("format").asInt() != FORMAT) {
          throw new IllegalStateException(file + " holds an execution in format " + json.path("format") + ", not " + FORMAT);
        }
        Saved saved = fromJson(json, parser);
        written.put(saved.description().executionArn(), saved.history().size());
        executions.add(saved);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the saved executions in " + dir, e);
    }
    return executions;
  }

  /** One folder per state machine, one file per execution; names are URL-encoded to be safe file names. */
  private Path fileOf(Saved saved) {
    return dir.resolve(URLEncoder.encode(saved.machine().name(), StandardCharsets.UTF_8))
        .resolve(URLEncoder.encode(saved.description().name(), StandardCharsets.UTF_8) + SUFFIX);
  }

  private static void write(Path file, ObjectNode json) {
    try {
      Files.createDirectories(file.getParent());
      Path partial = file.resolveSibling(file.getFileName() + ".partial");
      Files.writeString(partial, Json.write(json), StandardCharsets.UTF_8);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not save the execution to " + file, e);
    }
  }

  private static ObjectNode toJson(Saved saved) {
    ObjectNode json = Json.object().put("format", FORMAT);
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
        .put("cause", d.cause())
        .put("redriveCount", d.redriveCount())
        .put("redriveDate", d.redriveDate() == null ? null : d.redriveDate().toString());
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
      if (saved.checkpoint().variables() != null) {
        checkpoint.set("variables", saved.checkpoint().variables());
      }
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
        json.path("cause").textValue(),
        json.path("redriveCount").asInt(0),
        json.path("redriveDate").isTextual() ? Instant.parse(json.path("redriveDate").textValue()) : null,
        null,
        null);
    List<HistoryEvent> history = new ArrayList<>();
    for (JsonNode e : json.path("history")) {
      history.add(new HistoryEvent(e.path("id").asLong(), e.path("previousEventId").asLong(),
          Instant.parse(e.path("timestamp").textValue()), e.path("type").textValue(),
          e.path("details").isObject() ? (ObjectNode) e.path("details") : null));
    }
    JsonNode checkpoint = json.path("checkpoint");
    return new Saved(machine, description, history,
        checkpoint.isObject() ? new Checkpoint(checkpoint.path("state").textValue(), checkpoint.path("input"), checkpoint.get("variables")) : null);
  }
}

package io.orderflow.local.sfn.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.orderflow.local.sfn.DefinitionValidation;
import io.orderflow.local.sfn.ExecutionDescription;
import io.orderflow.local.sfn.ExecutionStatus;
import io.orderflow.local.sfn.HistoryEvent;
import io.orderflow.local.sfn.Page;
import io.orderflow.local.sfn.SfnServiceException;
import io.orderflow.local.sfn.StateMachineDescription;
import io.orderflow.local.sfn.StepFunctionsEngine;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.runtime.StateTester;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Step Functions API over HTTP: AWS JSON 1.0, {@code POST /} with {@code X-Amz-Target:
 * AWSStepFunctions.<Operation>}. Members, timestamps (epoch seconds with fractions) and errors
 * ({@code 400 {"__type": ..., "message": ...}}) are those of the service, so the AWS CLI, boto3
 * and the AWS SDKs work with only an endpoint override. Request signatures are not checked.
 */
public final class StepFunctionsHttpServer implements AutoCloseable {

  private static final String TARGET_PREFIX = "AWSStepFunctions.";

  private final StepFunctionsEngine engine;
  private final HttpServer server;
  private final ExecutorService executor;

  private StepFunctionsHttpServer(StepFunctionsEngine engine, HttpServer server, ExecutorService executor) {
    this.engine = engine;
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts on {@code port} (0 picks a free one) on loopback: the API takes no credentials, so it
   * is for this machine unless the caller names another address.
   */
  public static StepFunctionsHttpServer start(StepFunctionsEngine engine, int port) {
    return start(engine, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
  }

  public static StepFunctionsHttpServer start(StepFunctionsEngine engine, InetSocketAddress address) {
    try {
      HttpServer server = HttpServer.create(address, 128);
      AtomicInteger threads = new AtomicInteger();
      ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "sfn-http-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      StepFunctionsHttpServer api = new StepFunctionsHttpServer(engine, server, executor);
      server.createContext("/", api::handle);
      server.setExecutor(executor);
      server.start();
      return api;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Step Functions HTTP server on " + address, e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      JsonNode request;
      try (InputStream body = exchange.getRequestBody()) {
        String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        request = text.isBlank() ? Json.object() : Json.parse(text);
      } catch (IllegalArgumentException e) {
        respond(exchange, 400, error("SerializationException", "Malformed JSON request body: " + e.getMessage()));
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)) {
        respond(exchange, 400, error("UnknownOperationException", "Expected POST with X-Amz-Target: AWSStepFunctions.<Operation>"));
        return;
      }
      try {
        respond(exchange, 200, dispatch(target.substring(TARGET_PREFIX.length()), request));
      } catch (SfnServiceException e) {
        respond(exchange, 400, error(e.errorCode(), e.getMessage()));
      } catch (RuntimeException e) {
        respond(exchange, 500, error("InternalFailure", String.valueOf(e)));
      }
    }
  }

  private JsonNode dispatch(String operation, JsonNode r) {
    return switch (operation) {
      case "CreateStateMachine" -> {
        String type = text(r, "type");
        String arn = engine.createStateMachine(required(r, "name"), required(r, "definition"), text(r, "roleArn"), type);
        ObjectNode out = Json.object().put("stateMachineArn", arn);
        out.set("creationDate", epoch(engine.describeStateMachine(arn).creationDate()));
        yield out;
      }
      case "UpdateStateMachine" -> {
        StateMachineDescription d = engine.updateStateMachine(required(r, "stateMachineArn"), text(r, "definition"), text(r, "roleArn"));
        ObjectNode out = Json.object();
        out.set("updateDate", epoch(d.updateDate()));
        yield out;
      }
      case "DescribeStateMachine" -> describeMachine(engine.describeStateMachine(required(r, "stateMachineArn")));
      case "DescribeStateMachineForExecution" -> {
        StateMachineDescription d = engine.describeStateMachineForExecution(required(r, "executionArn"));
        ObjectNode out = Json.object().put("stateMachineArn", d.stateMachineArn()).put("name", d.name())
            .put("definition", d.definition()).put("roleArn", d.roleArn());
        out.set("updateDate", epoch(d.updateDate() != null ? d.updateDate() : d.creationDate()));
        yield out;
      }
      case "ListStateMachines" -> {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("stateMachines");
        for (StateMachineDescription d : engine.listStateMachines()) {
          ObjectNode item = list.addObject().put("stateMachineArn", d.stateMachineArn()).put("name", d.name()).put("type", d.type());
          item.set("creationDate", epoch(d.creationDate()));
        }
        yield out;
      }
      case "DeleteStateMachine" -> {
        engine.deleteStateMachine(required(r, "stateMachineArn"));
        yield Json.object();
      }
      case "StartExecution" -> {
        ExecutionDescription d = engine.startExecution(required(r, "stateMachineArn"), text(r, "name"), text(r, "input"));
        ObjectNode out = Json.object().put("executionArn", d.executionArn());
        out.set("startDate", epoch(d.startDate()));
        yield out;
      }
      case "DescribeExecution" -> describeExecution(engine.describeExecution(required(r, "executionArn")));
      case "ListExecutions" -> {
        ExecutionStatus status = null;
        if (r.hasNonNull("statusFilter")) {
          try {
            status = ExecutionStatus.valueOf(r.get("statusFilter").asText());
          } catch (IllegalArgumentException e) {
            throw new SfnServiceException("ValidationException", "Invalid statusFilter: " + r.get("statusFilter").asText());
          }
        }
        Page<ExecutionDescription> page = engine.listExecutions(required(r, "stateMachineArn"), status,
            r.hasNonNull("maxResults") ? r.get("maxResults").asInt() : null, text(r, "nextToken"));
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("executions");
        for (ExecutionDescription d : page.items()) {
          ObjectNode item = list.addObject().put("executionArn", d.executionArn()).put("stateMachineArn", d.stateMachineArn())
              .put("name", d.name()).put("status", d.status().name());
          item.set("startDate", epoch(d.startDate()));
          if (d.stopDate() != null) {
            item.set("stopDate", epoch(d.stopDate()));
          }
        }
        if (page.nextToken() != null) {
          out.put("nextToken", page.nextToken());
        }
        yield out;
      }
      case "StopExecution" -> {
        ExecutionDescription d = engine.stopExecution(required(r, "executionArn"), text(r, "error"), text(r, "cause"));
        ObjectNode out = Json.object();
        out.set("stopDate", epoch(d.stopDate() != null ? d.stopDate() : engine.clock().now()));
        yield out;
      }
      case "RedriveExecution" -> {
        Instant redriven = engine.redriveExecution(required(r, "executionArn"), text(r, "clientToken"));
        ObjectNode out = Json.object();
        out.set("redriveDate", epoch(redriven));
        yield out;
      }
      case "GetExecutionHistory" -> {
        Page<HistoryEvent> page = engine.getExecutionHistory(required(r, "executionArn"),
            r.hasNonNull("maxResults") ? r.get("maxResults").asInt() : null, text(r, "nextToken"),
            r.path("reverseOrder").asBoolean(false), r.path("includeExecutionData").asBoolean(true));
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("events");
        for (HistoryEvent e : page.items()) {
          ObjectNode item = list.addObject();
          item.set("timestamp", epoch(e.timestamp()));
          item.put("type", e.type()).put("id", e.id()).put("previousEventId", e.previousEventId());
          if (e.details() != null) {
            item.set(e.detailsMember(), e.details());
          }
        }
        if (page.nextToken() != null) {
          out.put("nextToken", page.nextToken());
        }
        yield out;
      }
      case "ValidateStateMachineDefinition" -> {
        DefinitionValidation validation = engine.validateStateMachineDefinition(required(r, "definition"));
        ObjectNode out = Json.object().put("result", validation.result());
        ArrayNode diagnostics = out.putArray("diagnostics");
        for (DefinitionValidation.Diagnostic d : validation.diagnostics()) {
          ObjectNode item = diagnostics.addObject().put("severity", d.severity()).put("code", d.code()).put("message", d.message());
          if (d.location() != null) {
            item.put("location", d.location());
          }
        }
        out.put("truncated", false);
        yield out;
      }
      case "TestState" -> {
        StateTester.Result result = engine.testState(required(r, "definition"), text(r, "input"), text(r, "inspectionLevel"),
            text(r, "variables"), text(r, "stateName"));
        ObjectNode out = Json.object().put("status", result.status());
        if (result.output() != null) {
          out.put("output", Json.write(result.output()));
        }
        if (result.error() != null) {
          out.put("error", result.error());
        }
        if (result.cause() != null) {
          out.put("cause", result.cause());
        }
        if (result.nextState() != null) {
          out.put("nextState", result.nextState());
        }
        if (result.inspectionData() != null) {
          out.set("inspectionData", result.inspectionData());
        }
        yield out;
      }
      case "StartSyncExecution" -> {
        ExecutionDescription d = engine.startSyncExecution(required(r, "stateMachineArn"), text(r, "name"), text(r, "input"));
        ObjectNode out = describeExecution(d);
        out.putObject("billingDetails").put("billedMemoryUsedInMB", 64).put("billedDurationInMilliseconds", 100);
        yield out;
      }
      case "SendTaskSuccess" -> {
        engine.sendTaskSuccess(required(r, "taskToken"), required(r, "output"));
        yield Json.object();
      }
      case "SendTaskFailure" -> {
        engine.sendTaskFailure(required(r, "taskToken"), text(r, "error"), text(r, "cause"));
        yield Json.object();
      }
      case "SendTaskHeartbeat" -> {
        engine.sendTaskHeartbeat(required(r, "taskToken"));
        yield Json.object();
      }
      default -> throw new SfnServiceException("UnknownOperationException", "Operation " + operation + " is not supported by the local engine");
    };
  }

  private static ObjectNode describeMachine(StateMachineDescription d) {
    ObjectNode out = Json.object().put("stateMachineArn", d.stateMachineArn()).put("name", d.name()).put("status", "ACTIVE")
        .put("definition", d.definition()).put("roleArn", d.roleArn()).put("type", d.type());
    out.set("creationDate", epoch(d.creationDate()));
    out.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
    out.putObject("tracingConfiguration").put("enabled", false);
    return out;
  }

  private static ObjectNode describeExecution(ExecutionDescription d) {
    ObjectNode out = Json.object().put("executionArn", d.executionArn()).put("stateMachineArn", d.stateMachineArn())
        .put("name", d.name()).put("status", d.status().name());
    out.set("startDate", epoch(d.startDate()));
    if (d.stopDate() != null) {
      out.set("stopDate", epoch(d.stopDate()));
    }
    out.put("input", d.input());
    out.putObject("inputDetails").put("included", true);
    if (d.output() != null) {
      out.put("output", d.output());
      out.putObject("outputDetails").put("included", true);
    }
    if (d.error() != null) {
      out.put("error", d.error());
    }
    if (d.cause() != null) {
      out.put("cause", d.cause());
    }
    out.put("redriveCount", d.redriveCount());
    if (d.redriveDate() != null) {
      out.set("redriveDate", epoch(d.redriveDate()));
    }
    if (d.redriveStatus() != null) {
      out.put("redriveStatus", d.redriveStatus());
    }
    if (d.redriveStatusReason() != null) {
      out.put("redriveStatusReason", d.redriveStatusReason());
    }
    return out;
  }

  /** AWS JSON 1.0 timestamps: epoch seconds, milliseconds as the fraction. */
  private static JsonNode epoch(Instant instant) {
    BigDecimal seconds = BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    return Json.MAPPER.getNodeFactory().numberNode(seconds);
  }

  private static String text(JsonNode request, String member) {
    JsonNode value = request.get(member);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String required(JsonNode request, String member) {
    String value = text(request, member);
    if (value == null) {
      throw new SfnServiceException("ValidationException", "1 validation error detected: Value null at '" + member
          + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

  private static JsonNode error(String type, String message) {
    return Json.object().put("__type", type).put("message", message);
  }

  private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    if (body.has("__type")) {
      exchange.getResponseHeaders().set("x-amzn-ErrorType", body.get("__type").asText());
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}

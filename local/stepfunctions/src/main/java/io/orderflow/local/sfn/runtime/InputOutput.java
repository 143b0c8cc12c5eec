package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.json.JsonPaths;
import io.orderflow.local.sfn.json.PayloadTemplate;
import io.orderflow.local.sfn.json.ReferencePath;

/**
 * The input and output processing fields, in the order AWS applies them:
 * InputPath → Parameters → (state work) → ResultSelector → ResultPath → OutputPath.
 * Path fields follow the three-valued convention of {@link io.orderflow.local.sfn.asl.State}.
 */
final class InputOutput {

  private InputOutput() {}

  /** Absent: the whole input. null: an empty object. A path: what it selects (States.Runtime if nothing). */
  static JsonNode inputPath(JsonNode spec, JsonNode input, JsonNode context) {
    return selectOrEmpty(spec, input, context, "InputPath");
  }

  static JsonNode outputPath(JsonNode spec, JsonNode output, JsonNode context) {
    return selectOrEmpty(spec, output, context, "OutputPath");
  }

  private static JsonNode selectOrEmpty(JsonNode spec, JsonNode document, JsonNode context, String field) {
    if (spec == null) {
      return document;
    }
    if (spec.isNull()) {
      return Json.object();
    }
    String path = spec.textValue();
    try {
      return JsonPaths.select(path, document, context);
    } catch (JsonPaths.NoMatchException e) {
      throw StatesError.runtime(
          "Invalid path '" + path + "' : No results for path: " + path + " (" + field + ") in '" + Json.write(document) + "'");
    }
  }

  static JsonNode template(JsonNode template, JsonNode input, JsonNode context) {
    return template == null ? input : PayloadTemplate.evaluate(template, input, context);
  }

  /** Absent: the result replaces the input. null: the result is discarded. A path: the result is placed there. */
  static JsonNode resultPath(JsonNode spec, JsonNode rawInput, JsonNode result) {
    if (spec == null) {
      return result;
    }
    if (spec.isNull()) {
      return rawInput;
    }
    return ReferencePath.parse(spec.textValue()).set(rawInput, result);
  }

  /** The error output a catcher passes on: {"Error": ..., "Cause": ...}. */
  static JsonNode errorOutput(StatesError error) {
    var node = Json.object().put("Error", error.error());
    if (error.cause() != null) {
      node.put("Cause", error.cause());
    }
    return node;
  }
}

package io.orderflow.local.sfn.query;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.asl.Catcher;
import io.orderflow.local.sfn.asl.ChoiceRule;
import io.orderflow.local.sfn.asl.State;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.json.JsonataExpressions;
import io.orderflow.local.sfn.runtime.StatesError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The JSONata query language as Step Functions runs it: strings {@code "{% expression %}"} in
 * Arguments, Output, Assign, Items, ItemSelector and the single-valued fields are evaluated with
 * {@code $states} ({@code input}, {@code context}, and where AWS provides them {@code result} and
 * {@code errorOutput}) and the variables in scope bound; any other value is taken literally.
 * There is no InputPath/ResultPath: a state's output is its Output, or by default its result (a
 * Task, Parallel or Map) or its input. AWS's own functions are added to JSONata's library:
 * {@code $partition}, {@code $range}, {@code $hash}, {@code $random}, {@code $uuid}, {@code $parse}.
 * A failed or undefined evaluation is States.QueryEvaluationError.
 */
public final class JsonataQuery implements Query {

  public static final JsonataQuery INSTANCE = new JsonataQuery();
  public static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";

  private JsonataQuery() {}

  @Override
  public JsonNode input(State.Common state, JsonNode rawInput, Bindings bindings) {
    return rawInput;
  }

  @Override
  public JsonNode payload(JsonNode template, JsonNode input, Bindings bindings) {
    return template == null ? input : evaluateTemplate(template, bindings, "Arguments");
  }

  @Override
  public JsonNode output(State.Common state, JsonNode resultSelector, JsonNode resultPath, JsonNode rawInput, JsonNode result, Bindings bindings) {
    return state.output() == null ? result : evaluateTemplate(state.output(), bindings.withResult(result), "Output");
  }

  @Override
  public JsonNode caught(Catcher catcher, JsonNode rawInput, StatesError error, Bindings bindings) {
    JsonNode errorOutput = error.output();
    return catcher.output() == null ? errorOutput : evaluateTemplate(catcher.output(), bindings.withErrorOutput(errorOutput), "Output");
  }

  @Override
  public JsonNode value(String expression, JsonNode input, Bindings bindings, String field) {
    return evaluateTemplate(Json.MAPPER.getNodeFactory().textNode(expression), bindings, field);
  }

  @Override
  public boolean matches(ChoiceRule rule, JsonNode input, Bindings bindings) {
    String expression = ((ChoiceRule.Condition) rule).expression();
    JsonNode value = evaluate(expression, bindings, "Condition");
    if (!value.isBoolean()) {
      throw new StatesError(QUERY_EVALUATION_ERROR,
          "The Condition field evaluated to a non-boolean value: " + Json.write(value) + " (" + expression + ")");
    }
    return value.booleanValue();
  }

  @Override
  public ObjectNode assign(JsonNode assign, JsonNode document, Bindings bindings) {
    return (ObjectNode) evaluateTemplate(assign, bindings, "Assign");
  }

  /** A template: every {@code {% %}} string in it replaced by its value; everything else as it is. */
  JsonNode evaluateTemplate(JsonNode template, Bindings bindings, String field) {
    if (template.isTextual() && JsonataExpressions.isExpression(template.textValue())) {
      return evaluate(template.textValue(), bindings, field);
    }
    if (template instanceof ObjectNode object) {
      ObjectNode out = Json.object();
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        out.set(entry.getKey(), evaluateTemplate(entry.getValue(), bindings, field));
      }
      return out;
    }
    if (template instanceof ArrayNode array) {
      ArrayNode out = Json.MAPPER.createArrayNode();
      array.forEach(item -> out.add(evaluateTemplate(item, bindings, field)));
      return out;
    }
    return template.deepCopy();
  }

  private JsonNode evaluate(String text, Bindings bindings, String field) {
    Object result;
    try {
      Jsonata expression = Jsonata.jsonata(JsonataExpressions.body(text));
      Jsonata.Frame frame = expression.createFrame();
      frame.bind("states", toJava(bindings.states()));
      bindings.variables().fields().forEachRemaining(v -> frame.bind(v.getKey(), toJava(v.getValue())));
      bindAwsFunctions(frame);
      result = expression.evaluate(null, frame);
    } catch (StatesError e) {
      throw e;
    } catch (JException e) {
      throw new StatesError(QUERY_EVALUATION_ERROR, "An error occurred while evaluating the JSONata expression '" + text
          + "' in the field '" + field + "': " + e.getMessage());
    } catch (RuntimeException e) {
      throw new StatesError(QUERY_EVALUATION_ERROR, "An error occurred while evaluating the JSONata expression '" + text
          + "' in the field '" + field + "': " + e);
    }
    if (result == null) {
      throw new StatesError(QUERY_EVALUATION_ERROR,
          "The JSONata expression '" + text + "' specified for the field '" + field + "' returned nothing (undefined).");
    }
    return toJson(result);
  }

  // ---------------------------------------------------------------- AWS's functions

  private static void bindAwsFunctions(Jsonata.Frame frame) {
    frame.bind("partition", Jsonata.function("partition", (Jsonata.Fn2<List<Object>, Number, List<Object>>) JsonataQuery::partition, null));
    frame.bind("range", Jsonata.function("range", (Jsonata.Fn3<Number, Number, Number, List<Object>>) JsonataQuery::range, null));
    frame.bind("hash", Jsonata.function("hash", (Jsonata.Fn2<Object, String, String>) JsonataQuery::hash, null));
    frame.bind("random", Jsonata.function("random", (Jsonata.FnVarArgs<Double>) args -> random(args), null));
    frame.bind("uuid", Jsonata.function("uuid", (Jsonata.Fn0<String>) () -> UUID.randomUUID().toString(), null));
    frame.bind("parse", Jsonata.function("parse", (Jsonata.Fn1<String, Object>) JsonataQuery::parse, null));
  }

  private static List<Object> partition(List<Object> array, Number size) {
    if (array == null || size == null || size.intValue() < 1) {
      throw new StatesError(QUERY_EVALUATION_ERROR, "$partition needs an array and a positive chunk size");
    }
    List<Object> chunks = new ArrayList<>();
    for (int i = 0; i < array.size(); i += size.intValue()) {
      chunks.add(new ArrayList<>(array.subList(i, Math.min(array.size(), i + size.intValue()))));
    }
    return chunks;
  }

  private static List<Object> range(Number start, Number end, Number step) {
    if (start == null || end == null || step == null || step.longValue() == 0) {
      throw new StatesError(QUERY_EVALUATION_ERROR, "$range needs a start, an end and a non-zero step");
    }
    List<Object> values = new ArrayList<>();
    for (long v = start.longValue(); step.longValue() > 0 ? v <= end.longValue() : v >= end.longValue(); v += step.longValue()) {
      values.add(v);
    }
    return values;
  }

  private static String hash(Object value, String algorithm) {
    String text = value instanceof String s ? s : Json.write(toJson(value));
    try {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new StatesError(QUERY_EVALUATION_ERROR, "$hash: unsupported algorithm '" + algorithm + "' (MD5, SHA-1, SHA-256, SHA-384, SHA-512)");
    }
  }

  private static Double random(List<?> args) {
    if (!args.isEmpty() && args.get(0) instanceof Number seed) {
      return new java.util.Random(seed.longValue()).nextDouble();
    }
    return ThreadLocalRandom.current().nextDouble();
  }

  private static Object parse(String text) {
    try {
      return toJava(Json.parse(text));
    } catch (IllegalArgumentException e) {
      throw new StatesError(QUERY_EVALUATION_ERROR, "$parse: not JSON: " + text);
    }
  }

  // ---------------------------------------------------------------- Jackson ⇄ JSONata values

  static Object toJava(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Jsonata.NULL_VALUE;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), toJava(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(toJava(item)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.doubleValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.asText();
  }

  static JsonNode toJson(Object value) {
    JsonNodeFactory nodes = Json.MAPPER.getNodeFactory();
    if (value == null || value == Jsonata.NULL_VALUE) {
      return nodes.nullNode();
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode out = nodes.objectNode();
      map.forEach((k, v) -> out.set(String.valueOf(k), toJson(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      ArrayNode out = nodes.arrayNode();
      list.forEach(item -> out.add(toJson(item)));
      return out;
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
        return nodes.numberNode((long) d);
      }
      return nodes.numberNode(new BigDecimal(Double.toString(d)));
    }
    if (value instanceof BigDecimal decimal) {
      return nodes.numberNode(decimal);
    }
    if (value instanceof BigInteger integer) {
      return nodes.numberNode(integer);
    }
    if (value instanceof Number number) {
      return nodes.numberNode(number.longValue());
    }
    if (value instanceof Boolean bool) {
      return nodes.booleanNode(bool);
    }
    if (value instanceof String text) {
      return nodes.textNode(text);
    }
    throw new StatesError(QUERY_EVALUATION_ERROR, "The JSONata expression returned a value that is not JSON (a function?)");
  }
}

package io.orderflow.local.sfn.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.orderflow.local.sfn.json.IntrinsicParser.Call;
import io.orderflow.local.sfn.json.IntrinsicParser.Expr;
import io.orderflow.local.sfn.json.IntrinsicParser.Literal;
import io.orderflow.local.sfn.json.IntrinsicParser.PathRef;
import io.orderflow.local.sfn.runtime.StatesError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringTokenizer;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The intrinsic functions of the Amazon States Language (JSONPath query language). A bad
 * argument (wrong count, wrong type, out of range) raises {@code States.IntrinsicFailure}; a path
 * argument that matches nothing raises {@code States.Runtime} like every other missing path.
 */
public final class Intrinsics {

  private static final JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();
  private static final int MAX_ENCODE_LENGTH = 10_000;
  private static final int MAX_RANGE_ITEMS = 1_000;
  private static final Map<String, String> HASH_ALGORITHMS =
      Map.of(
          "MD5", "MD5",
          "SHA-1", "SHA-1",
          "SHA-256", "SHA-256",
          "SHA-384", "SHA-384",
          "SHA-512", "SHA-512");
  private static final Set<String> FUNCTIONS =
      Set.of(
          "States.Format", "States.StringToJson", "States.JsonToString", "States.Array",
          "States.ArrayPartition", "States.ArrayContains", "States.ArrayRange",
          "States.ArrayGetItem", "States.ArrayLength", "States.ArrayUnique",
          "States.Base64Encode", "States.Base64Decode", "States.Hash", "States.JsonMerge",
          "States.MathRandom", "States.MathAdd", "States.StringSplit", "States.UUID");

  private Intrinsics() {}

  /** True if the text starts like an invocation ({@code States.}). */
  public static boolean isInvocation(String text) {
    return IntrinsicParser.looksLikeInvocation(text);
  }

  /** Checks syntax and function names; throws {@link IllegalArgumentException} with the problem. */
  public static void validate(String invocation) {
    checkNames(IntrinsicParser.parse(invocation));
  }

  private static void checkNames(Expr expr) {
    if (expr instanceof Call call) {
      if (!FUNCTIONS.contains(call.name())) {
        throw new IllegalArgumentException("Unknown intrinsic function " + call.name());
      }
      call.args().forEach(Intrinsics::checkNames);
    }
  }

  /** Evaluates an invocation against the state input and the context object. */
  public static JsonNode evaluate(String invocation, JsonNode input, JsonNode context) {
    return evaluate(invocation, input, context, null);
  }

  /** Evaluates an invocation whose path arguments may also name variables ({@code $total}). */
  public static JsonNode evaluate(String invocation, JsonNode input, JsonNode context, JsonNode variables) {
    Call call;
    try {
      call = IntrinsicParser.parse(invocation);
    } catch (IllegalArgumentException e) {
      throw failure(e.getMessage());
    }
    return new Evaluation(input, context, variables).call(call);
  }

  private record Evaluation(JsonNode input, JsonNode context, JsonNode variables) {

    JsonNode value(Expr expr) {
      if (expr instanceof Literal literal) {
        return literal.value();
      }
      if (expr instanceof PathRef ref) {
        try {
          return JsonPaths.select(ref.path(), input, context, variables);
        } catch (JsonPaths.NoMatchException e) {
          throw StatesError.runtime(
              "The JsonPath argument for the field '" + ref.path() + "' could not be found in the input '"
                  + Json.write(JsonPaths.isContextPath(ref.path()) ? context : input) + "'");
        }
      }
      return call((Call) expr);
    }

    JsonNode call(Call call) {
      List<JsonNode> args = new ArrayList<>();
      for (Expr arg : call.args()) {
        args.add(value(arg));
      }
      String name = call.name();
      return switch (name) {
        case "States.Format" -> format(call, args);
        case "States.StringToJson" -> stringToJson(args);
        case "States.JsonToString" -> {
          count(name, args, 1);
          yield TextNode.valueOf(Json.write(args.get(0)));
        }
        case "States.Array" -> {
          ArrayNode array = NODES.arrayNode();
          args.forEach(array::add);
          yield array;
        }
        case "States.ArrayPartition" -> arrayPartition(args);
        case "States.ArrayContains" -> {
          count(name, args, 2);
          ArrayNode array = array(name, args.get(0));
          boolean found = false;
          for (JsonNode item : array) {
            found |= sameValue(item, args.get(1));
          }
          yield BooleanNode.valueOf(found);
        }
        case "States.ArrayRange" -> arrayRange(args);
        case "States.ArrayGetItem" -> {
          count(name, args, 2);
          ArrayNode array = array(name, args.get(0));
          long index = integer(name, args.get(1));
          if (index < 0 || index >= array.size()) {
            throw failure("The index provided to States.ArrayGetItem is out of bounds: " + index);
          }
          yield array.get((int) index);
        }
        case "States.ArrayLength" -> {
          count(name, args, 1);
          yield IntNode.valueOf(array(name, args.get(0)).size());
        }
        case "States.ArrayUnique" -> {
          count(name, args, 1);
          ArrayNode unique = NODES.arrayNode();
          for (JsonNode item : array(name, args.get(0))) {
            boolean seen = false;
            for (JsonNode kept : unique) {
              seen |= sameValue(kept, item);
            }
            if (!seen) {
              unique.add(item);
            }
          }
          yield unique;
        }
        case "States.Base64Encode" -> {
          count(name, args, 1);
          String text = string(name, args.get(0));
          limit(name, text);
          yield TextNode.valueOf(
              Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        }
        case "States.Base64Decode" -> {
          count(name, args, 1);
          String text = string(name, args.get(0));
          limit(name, text);
          try {
            yield TextNode.valueOf(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
          } catch (IllegalArgumentException e) {
            throw failure("The input to States.Base64Decode is not valid base64: " + e.getMessage());
          }
        }
        case "States.Hash" -> hash(args);
        case "States.JsonMerge" -> jsonMerge(args);
        case "States.MathRandom" -> mathRandom(args);
        case "States.MathAdd" -> {
          count(name, args, 2);
          // AWS rounds each argument to an integer first, halves up: 1.49 + 1.5 = 1 + 2, -0.5 + 0 = 0
          BigDecimal sum = rounded(number(name, args.get(0))).add(rounded(number(name, args.get(1))));
          yield numberNode(sum);
        }
        case "States.StringSplit" -> {
          count(name, args, 2);
          String text = string(name, args.get(0));
          String delimiters = string(name, args.get(1));
          ArrayNode parts = NODES.arrayNode();
          // Every character of the second argument is a delimiter and empty tokens are dropped,
          // which is what AWS returns for e.g. States.StringSplit('This.is+a,test', '.+,').
          StringTokenizer tokens = new StringTokenizer(text, delimiters);
          while (tokens.hasMoreTokens()) {
            parts.add(tokens.nextToken());
          }
          yield parts;
        }
        case "States.UUID" -> {
          count(name, args, 0);
          yield TextNode.valueOf(UUID.randomUUID().toString());
        }
        default -> throw failure("Unknown intrinsic function " + name);
      };
    }

    private JsonNode format(Call call, List<JsonNode> args) {
      if (args.isEmpty()) {
        throw failure("States.Format needs at least one argument");
      }
      Expr first = call.args().get(0);
      String template;
      if (first instanceof Literal literal && literal.value().isTextual()) {
        template = literal.raw(); // keeps \{ and \} so they are not taken for placeholders
      } else {
        template = string("States.Format", args.get(0));
      }
      StringBuilder out = new StringBuilder();
      int next = 1;
      for (int i = 0; i < template.length(); i++) {
        char c = template.charAt(i);
        boolean escapesKept = first instanceof Literal;
        if (escapesKept && c == '\\' && i + 1 < template.length()) {
          out.append(template.charAt(++i));
        } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
          if (next >= args.size()) {
            throw failure("States.Format has more {} placeholders than arguments");
          }
          out.append(render(args.get(next++)));
          i++;
        } else {
          out.append(c);
        }
      }
      if (next != args.size()) {
        throw failure("States.Format has more arguments than {} placeholders");
      }
      return TextNode.valueOf(out.toString());
    }

    /**
     * How AWS prints a States.Format argument: a string as it is, an object or array in its own
     * notation rather than JSON: {@code {Arg1=1, Arg2=[]}}, {@code [a, 1, null]}.
     */
    static String render(JsonNode value) {
      if (value.isTextual()) {
        return value.textValue();
      }
      if (value.isObject()) {
        StringBuilder out = new StringBuilder("{");
        value.fields().forEachRemaining(e -> {
          if (out.length() > 1) {
            out.append(", ");
          }
          out.append(e.getKey()).append('=').append(render(e.getValue()));
        });
        return out.append('}').toString();
      }
      if (value.isArray()) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < value.size(); i++) {
          out.append(i > 0 ? ", " : "").append(render(value.get(i)));
        }
        return out.append(']').toString();
      }
      return Json.write(value);
    }

    private JsonNode stringToJson(List<JsonNode> args) {
      count("States.StringToJson", args, 1);
      String text = string("States.StringToJson", args.get(0));
      if (text.isBlank()) {
        return NODES.nullNode(); // AWS: States.StringToJson('') and (' ') are null
      }
      try {
        return Json.parse(text);
      } catch (IllegalArgumentException e) {
        throw failure("States.StringToJson could not parse '" + text + "': " + e.getMessage());
      }
    }

    private JsonNode arrayPartition(List<JsonNode> args) {
      count("States.ArrayPartition", args, 2);
      ArrayNode array = array("States.ArrayPartition", args.get(0));
      long size = integer("States.ArrayPartition", args.get(1));
      if (size <= 0) {
        throw failure("The chunk size of States.ArrayPartition must be positive, was " + size);
      }
      ArrayNode chunks = NODES.arrayNode();
      ArrayNode chunk = null;
      for (JsonNode item : array) {
        if (chunk == null || chunk.size() == size) {
          chunk = chunks.addArray();
        }
        chunk.add(item);
      }
      return chunks;
    }

    private JsonNode arrayRange(List<JsonNode> args) {
      count("States.ArrayRange", args, 3);
      long start = integer("States.ArrayRange", args.get(0));
      long end = integer("States.ArrayRange", args.get(1));
      long step = integer("States.ArrayRange", args.get(2));
      if (step == 0) {
        throw failure("The step of States.ArrayRange must not be 0");
      }
      ArrayNode range = NODES.arrayNode();
      for (long v = start; step > 0 ? v <= end : v >= end; v += step) {
        if (range.size() == MAX_RANGE_ITEMS) {
          throw failure("States.ArrayRange cannot return more than " + MAX_RANGE_ITEMS + " items");
        }
        range.add(numberNode(BigDecimal.valueOf(v)));
      }
      return range;
    }

    private JsonNode hash(List<JsonNode> args) {
      count("States.Hash", args, 2);
      JsonNode data = args.get(0);
      String text = data.isTextual() ? data.textValue() : Json.write(data);
      limit("States.Hash", text);
      String algorithm = HASH_ALGORITHMS.get(string("States.Hash", args.get(1)));
      if (algorithm == null) {
        throw failure(
            "States.Hash supports MD5, SHA-1, SHA-256, SHA-384 and SHA-512, not " + args.get(1));
      }
      try {
        byte[] digest =
            MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
        return TextNode.valueOf(HexFormat.of().formatHex(digest));
      } catch (NoSuchAlgorithmException e) {
        throw failure(e.getMessage());
      }
    }

    private JsonNode jsonMerge(List<JsonNode> args) {
      count("States.JsonMerge", args, 3);
      if (!args.get(0).isObject() || !args.get(1).isObject()) {
        throw failure("States.JsonMerge merges two JSON objects");
      }
      if (!args.get(2).isBoolean() || args.get(2).booleanValue()) {
        throw failure("States.JsonMerge supports only shallow merging: the third argument must be false");
      }
      ObjectNode merged = ((ObjectNode) args.get(0)).deepCopy();
      merged.setAll((ObjectNode) args.get(1).deepCopy());
      return merged;
    }

    private JsonNode mathRandom(List<JsonNode> args) {
      if (args.size() != 2 && args.size() != 3) {
        throw failure("States.MathRandom takes a start, an end and an optional seed");
      }
      // like MathAdd, non-integer bounds are rounded (States.MathRandom(12.5, 44.51) runs on AWS)
      long start = rounded(number("States.MathRandom", args.get(0))).longValueExact();
      long end = rounded(number("States.MathRandom", args.get(1))).longValueExact();
      if (end <= start) {
        throw failure("The end of States.MathRandom must be greater than its start");
      }
      // Start is inclusive, end exclusive; the same seed gives the same number.
      long value =
          args.size() == 3
              ? start + Math.floorMod(new Random(integer("States.MathRandom", args.get(2))).nextLong(), end - start)
              : ThreadLocalRandom.current().nextLong(start, end);
      return numberNode(BigDecimal.valueOf(value));
    }
  }

  static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  private static JsonNode numberNode(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() <= 0) {
      BigInteger integer = stripped.toBigIntegerExact();
      if (integer.bitLength() < 32) {
        return IntNode.valueOf(integer.intValue());
      }
      if (integer.bitLength() < 64) {
        return NODES.numberNode(integer.longValue());
      }
      return NODES.numberNode(integer);
    }
    return NODES.numberNode(value);
  }

  /** The nearest integer, halves rounded up (towards positive infinity). */
  private static BigDecimal rounded(BigDecimal value) {
    return value.add(new BigDecimal("0.5")).setScale(0, java.math.RoundingMode.FLOOR);
  }

  private static void count(String name, List<JsonNode> args, int expected) {
    if (args.size() != expected) {
      throw failure(name + " takes " + expected + " argument(s) but got " + args.size());
    }
  }

  private static ArrayNode array(String name, JsonNode value) {
    if (!(value instanceof ArrayNode array)) {
      throw failure(name + " expects an array but got " + Json.typeName(value));
    }
    return array;
  }

  private static String string(String name, JsonNode value) {
    if (!value.isTextual()) {
      throw failure(name + " expects a string but got " + Json.typeName(value));
    }
    return value.textValue();
  }

  private static BigDecimal number(String name, JsonNode value) {
    if (!value.isNumber()) {
      throw failure(name + " expects a number but got " + Json.typeName(value));
    }
    return value.decimalValue();
  }

  private static long integer(String name, JsonNode value) {
    BigDecimal number = number(name, value);
    try {
      return number.stripTrailingZeros().longValueExact();
    } catch (ArithmeticException e) {
      throw failure(name + " expects an integer but got " + number);
    }
  }

  private static void limit(String name, String text) {
    if (text.length() > MAX_ENCODE_LENGTH) {
      throw failure(name + " accepts at most " + MAX_ENCODE_LENGTH + " characters");
    }
  }

  private static StatesError failure(String cause) {
    return new StatesError(StatesError.INTRINSIC_FAILURE, cause);
  }
}

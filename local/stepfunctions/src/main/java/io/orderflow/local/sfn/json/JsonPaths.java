package io.orderflow.local.sfn.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.Optional;

/**
 * JSONPath evaluation with the Step Functions rules: a definite path ({@code $.a.b[0]}) yields
 * the value it points at, an indefinite one ({@code $..x}, {@code $[*]}, filters) yields an
 * array of every match, and {@code $$} addresses the context object instead of the input.
 */
public final class JsonPaths {

  private static final Configuration CONFIGURATION =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
          .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
          .build();

  private JsonPaths() {}

  /** Raised when a definite path points at nothing. */
  public static final class NoMatchException extends RuntimeException {
    NoMatchException(String path) {
      super("path " + path + " matched nothing", null, false, false);
    }
  }

  /**
   * True if {@code path} is a syntactically valid JSONPath, context path ({@code $$...}) or
   * variable path ({@code $name.field}).
   */
  public static boolean isValid(String path) {
    if (path == null || !path.startsWith("$")) {
      return false;
    }
    String variable = variableName(path);
    try {
      JsonPath.compile(variable != null ? "$" + path.substring(1 + variable.length()) : stripContext(path));
      return true;
    } catch (InvalidPathException | IllegalArgumentException e) {
      return false;
    }
  }

  public static boolean isContextPath(String path) {
    return path.startsWith("$$");
  }

  /**
   * The variable a path starts with ({@code $total.amount} → {@code total}), or null for a path
   * into the input ({@code $.x}, {@code $[0]}, {@code $}) or the context object ({@code $$}).
   */
  public static String variableName(String path) {
    if (path.length() < 2 || !(Character.isLetter(path.charAt(1)) || path.charAt(1) == '_')) {
      return null;
    }
    int end = 1;
    while (end < path.length() && (Character.isLetterOrDigit(path.charAt(end)) || path.charAt(end) == '_')) {
      end++;
    }
    return path.substring(1, end);
  }

  /** Evaluates {@code path} against the input, or against the context object for {@code $$}. */
  public static JsonNode select(String path, JsonNode input, JsonNode context) {
    return select(path, input, context, null);
  }

  /**
   * Evaluates {@code path} against the input, the context object for {@code $$}, or a variable
   * of {@code variables} (an object of the variables in scope) for {@code $name}.
   */
  public static JsonNode select(String path, JsonNode input, JsonNode context, JsonNode variables) {
    if (isContextPath(path)) {
      return read(context, stripContext(path));
    }
    String variable = variableName(path);
    if (variable != null) {
      JsonNode value = variables == null ? null : variables.get(variable);
      if (value == null) {
        throw new NoMatchException(path);
      }
      return read(value, "$" + path.substring(1 + variable.length()));
    }
    return read(input, path);
  }

  /** Like {@link #select} but empty instead of throwing when a definite path matches nothing. */
  public static Optional<JsonNode> find(String path, JsonNode input, JsonNode context) {
    return find(path, input, context, null);
  }

  public static Optional<JsonNode> find(String path, JsonNode input, JsonNode context, JsonNode variables) {
    try {
      return Optional.of(select(path, input, context, variables));
    } catch (NoMatchException e) {
      return Optional.empty();
    }
  }

  /** Reads {@code path} from {@code root}; the result is a copy the caller may change. */
  public static JsonNode read(JsonNode root, String path) {
    if (path.equals("$")) {
      return root.deepCopy();
    }
    JsonPath compiled = JsonPath.compile(unescapeQuotes(path));
    Object result;
    try {
      result = JsonPath.using(CONFIGURATION).parse(root).read(compiled);
    } catch (PathNotFoundException e) {
      if (!compiled.isDefinite()) {
        return Json.MAPPER.createArrayNode(); // AWS: $.items[*] on {} is [], not an error
      }
      throw new NoMatchException(path);
    }
    if (result == null) {
      return NullNode.getInstance();
    }
    JsonNode node = result instanceof JsonNode n ? n : Json.MAPPER.valueToTree(result);
    return node.deepCopy();
  }

  /**
   * A bracket key may escape a double quote ({@code $['a\"b']} names the key {@code a"b}), which
   * AWS resolves; the JSONPath library reads only the unescaped form.
   */
  private static String unescapeQuotes(String path) {
    return path.contains("\\\"") ? path.replace("\\\"", "\"") : path;
  }

  private static String stripContext(String path) {
    return path.startsWith("$$") ? path.substring(1) : path;
  }
}

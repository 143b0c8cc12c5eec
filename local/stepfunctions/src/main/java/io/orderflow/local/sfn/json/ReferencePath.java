package io.orderflow.local.sfn.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.runtime.StatesError;
import java.util.ArrayList;
import java.util.List;

/**
 * A reference path: a JSONPath made only of field names and array indexes ({@code $.a['b c'][0]}),
 * which therefore names exactly one place in a document. ResultPath needs one because it writes
 * a value into that place, creating the objects on the way when they don't exist yet.
 */
public final class ReferencePath {

  private final String text;
  private final List<Object> segments; // String = field name, Integer = array index

  private ReferencePath(String text, List<Object> segments) {
    this.text = text;
    this.segments = segments;
  }

  /** Parses a reference path or throws {@link IllegalArgumentException} saying why it isn't one. */
  public static ReferencePath parse(String text) {
    if (text == null || !text.startsWith("$") || text.startsWith("$$")) {
      throw new IllegalArgumentException("'" + text + "' is not a reference path: it must start with $");
    }
    List<Object> segments = new ArrayList<>();
    int i = 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '.') {
        int start = ++i;
        while (i < text.length() && text.charAt(i) != '.' && text.charAt(i) != '[') {
          i++;
        }
        String name = text.substring(start, i);
        if (name.isEmpty() || name.contains("*") || name.contains("@")) {
          throw new IllegalArgumentException("'" + text + "' is not a reference path");
        }
        segments.add(name);
      } else if (c == '[') {
        int close = text.indexOf(']', i);
        if (close < 0) {
          throw new IllegalArgumentException("'" + text + "' is not a reference path: unclosed [");
        }
        String inner = text.substring(i + 1, close).trim();
        if (inner.length() >= 2
            && (inner.charAt(0) == '\'' || inner.charAt(0) == '"')
            && inner.charAt(inner.length() - 1) == inner.charAt(0)) {
          segments.add(inner.substring(1, inner.length() - 1));
        } else if (inner.matches("\\d+")) {
          segments.add(Integer.parseInt(inner));
        } else {
          throw new IllegalArgumentException(
              "'" + text + "' is not a reference path: only field names and indexes are allowed");
        }
        i = close + 1;
      } else {
        throw new IllegalArgumentException("'" + text + "' is not a reference path");
      }
    }
    return new ReferencePath(text, List.copyOf(segments));
  }

  @Override
  public String toString() {
    return text;
  }

  /**
   * Returns a copy of {@code document} with {@code value} placed at this path. Missing
   * intermediate fields become objects; anything else in the way is a
   * States.ResultPathMatchFailure, as on AWS.
   */
  public JsonNode set(JsonNode document, JsonNode value) {
    if (segments.isEmpty()) {
      return value;
    }
    JsonNode root = document.deepCopy();
    JsonNode current = root;
    for (int i = 0; i < segments.size(); i++) {
      Object segment = segments.get(i);
      boolean last = i == segments.size() - 1;
      if (segment instanceof String name) {
        if (!(current instanceof ObjectNode object)) {
          throw mismatch(document);
        }
        if (last) {
          object.set(name, value);
        } else {
          JsonNode next = object.get(name);
          if (next == null || next.isNull()) {
            next = object.putObject(name);
          }
          current = next;
        }
      } else {
        int index = (Integer) segment;
        if (!(current instanceof ArrayNode array) || index >= array.size()) {
          throw mismatch(document);
        }
        if (last) {
          array.set(index, value);
        } else {
          current = array.get(index);
        }
      }
    }
    return root;
  }

  private StatesError mismatch(JsonNode document) {
    return new StatesError(
        StatesError.RESULT_PATH_MATCH_FAILURE,
        "Unable to apply ResultPath \"" + text + "\" to input \"" + Json.write(document) + "\"");
  }
}

package io.orderflow.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.api.ApiError.Detail;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads typed fields off one JSON object of a request body and notes every problem with its path
 * ({@code lines[0].quantity}) instead of stopping at the first, so a client fixes its request in
 * one round. Getters return null for a field with a problem; callers build nothing until {@link
 * #throwIfInvalid} passes.
 */
public final class FieldReader {

  private final JsonNode node;
  private final String path;
  private final List<Detail> problems;

  private FieldReader(JsonNode node, String path, List<Detail> problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /** A reader for the whole body, which must be a JSON object. */
  public static FieldReader body(JsonNode body) {
    if (!body.isObject()) {
      throw ApiError.invalid("body", "must be a JSON object");
    }
    return new FieldReader(body, "", new ArrayList<>());
  }

  /** Notes every field not in {@code known}: clients never send prices, statuses or typos. */
  public FieldReader allowOnly(Set<String> known) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        problem(name, "is not a known field");
      }
    }
    return this;
  }

  /** A required non-blank string of at most {@code maxLength} characters. */
  public String text(String name, int maxLength) {
    JsonNode value = node.get(name);
    if (absent(value)) {
      problem(name, "is required");
      return null;
    }
    return checkedText(name, value, maxLength);
  }

  /** An optional string of at most {@code maxLength} characters; null when absent. */
  public String optionalText(String name, int maxLength) {
    JsonNode value = node.get(name);
    return absent(value) ? null : checkedText(name, value, maxLength);
  }

  /**
   * A required free text that may span lines (a ticket message, a reply): like {@link #text}, but
   * line feeds and tabs are allowed.
   */
  public String multilineText(String name, int maxLength) {
    JsonNode value = node.get(name);
    if (absent(value)) {
      problem(name, "is required");
      return null;
    }
    return checkedText(name, value, maxLength, true);
  }

  /** An optional free text that may span lines (a comment); null when absent. */
  public String optionalMultilineText(String name, int maxLength) {
    JsonNode value = node.get(name);
    return absent(value) ? null : checkedText(name, value, maxLength, true);
  }

  /**
   * Why {@code text} cannot be stored, or null if it can. No control characters (C0, DEL, C1): they
   * break logs, CSV exports and the terminals ops read them in; free text may have line feeds and
   * tabs, nothing else. No U+FFFD either: it stands where the body had bytes that are not UTF-8,
   * which were decoded before any handler saw them, so the text is not what the client meant.
   */
  public static String textProblem(String text, boolean multiline) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (multiline && (c == '\n' || c == '\t')) {
        continue;
      }
      if (Character.isISOControl(c)) {
        return multiline
            ? "must not contain control characters other than line feeds and tabs"
            : "must not contain control characters";
      }
      if (c == '\uFFFD') {
        return "must be valid UTF-8";
      }
      if (Character.isSurrogate(c) && !validSurrogatePair(text, i)) {
        return "must be valid UTF-8";
      }
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
    return null;
  }

  private static boolean validSurrogatePair(String text, int i) {
    return Character.isHighSurrogate(text.charAt(i))
        && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1));
  }

  /** A required integer between {@code min} and {@code max}: {@code 2}, never {@code 2.0} or {@code "2"}. */
  public Integer integer(String name, int min, int max) {
    JsonNode value = node.get(name);
    if (absent(value)) {
      problem(name, "is required");
      return null;
    }
    if (!value.isIntegralNumber()) {
      problem(name, "must be an integer");
      return null;
    }
    if (!value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
      problem(name, "must be between " + min + " and " + max);
      return null;
    }
    return value.intValue();
  }

  public Boolean bool(String name) {
    JsonNode value = node.get(name);
    if (absent(value)) {
      problem(name, "is required");
      return null;
    }
    if (!value.isBoolean()) {
      problem(name, "must be true or false");
      return null;
    }
    return value.booleanValue();
  }

  /** A required nested object; null (with a problem noted) when absent or not an object. */
  public FieldReader object(String name) {
    JsonNode value = node.get(name);
    if (absent(value)) {
      problem(name, "is required");
      return null;
    }
    return checkedObject(name, value);
  }

  /** An optional nested object; null when absent. */
  public FieldReader optionalObject(String name) {
    JsonNode value = node.get(name);
    return absent(value) ? null : checkedObject(name, value);
  }

  /** A required array of {@code min..max} objects; each element that is not an object is noted. */
  public List<FieldReader> objects(String name, int min, int max) {
    JsonNode value = node.get(name);
    if (absent(value)) {
      problem(name, "is required");
      return List.of();
    }
    if (!value.isArray()) {
      problem(name, "must be an array");
      return List.of();
    }
    if (value.size() < min || value.size() > max) {
      problem(name, "must have between " + min + " and " + max + " entries");
      return List.of();
    }
    List<FieldReader> elements = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      String elementPath = field(name) + "[" + i + "]";
      if (value.get(i).isObject()) {
        elements.add(new FieldReader(value.get(i), elementPath, problems));
      } else {
        problems.add(new Detail(elementPath, "must be an object"));
      }
    }
    return elements;
  }

  /** Notes a problem found by the caller, e.g. a value outside an enumeration. */
  public void problem(String name, String problem) {
    problems.add(new Detail(field(name), problem));
  }

  /** Throws VALIDATION_FAILED with every problem noted anywhere in this body. */
  public void throwIfInvalid() {
    if (!problems.isEmpty()) {
      throw ApiError.validation(problems);
    }
  }

  private String checkedText(String name, JsonNode value, int maxLength) {
    return checkedText(name, value, maxLength, false);
  }

  private String checkedText(String name, JsonNode value, int maxLength, boolean multiline) {
    if (!value.isTextual()) {
      problem(name, "must be a string");
      return null;
    }
    String text = value.textValue();
    if (text.isBlank()) {
      problem(name, "must not be blank");
      return null;
    }
    if (text.length() > maxLength) {
      problem(name, "must be at most " + maxLength + " characters");
      return null;
    }
    String unstorable = textProblem(text, multiline);
    if (unstorable != null) {
      problem(name, unstorable);
      return null;
    }
    return text;
  }

  private FieldReader checkedObject(String name, JsonNode value) {
    if (!value.isObject()) {
      problem(name, "must be an object");
      return null;
    }
    return new FieldReader(value, field(name), problems);
  }

  /** JSON null counts as absent: {@code "line2": null} is the same as no line2. */
  private static boolean absent(JsonNode value) {
    return value == null || value.isNull();
  }

  private String field(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}

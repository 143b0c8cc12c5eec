package io.orderflow.local.sfn.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses an intrinsic function invocation such as {@code States.Format('Hi {}', $.name)}.
 *
 * <p>Arguments are string literals in single quotes (where {@code \'}, {@code \{}, {@code \}}
 * and {@code \\} are the only escapes), numbers, {@code true}/{@code false}/{@code null}, paths
 * ({@code $.x}, {@code $$.Execution.Id}) and nested invocations.
 */
final class IntrinsicParser {

  /** A parsed argument or invocation. */
  sealed interface Expr permits Literal, PathRef, Call {}

  /** A literal; {@code raw} keeps a string literal's escapes so States.Format can tell {@code \{} from {@code {}. */
  record Literal(JsonNode value, String raw) implements Expr {}

  record PathRef(String path) implements Expr {}

  record Call(String name, List<Expr> args) implements Expr {}

  private static final Pattern NAME = Pattern.compile("States\\.[A-Za-z0-9]+");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

  private final String text;
  private int pos;

  private IntrinsicParser(String text) {
    this.text = text;
  }

  static boolean looksLikeInvocation(String value) {
    return value.startsWith("States.");
  }

  /** Parses a whole invocation; {@link IllegalArgumentException} tells what is wrong. */
  static Call parse(String text) {
    IntrinsicParser parser = new IntrinsicParser(text);
    Call call = parser.call();
    parser.skipSpaces();
    if (parser.pos != text.length()) {
      throw parser.error("unexpected text after the closing parenthesis");
    }
    return call;
  }

  private Call call() {
    skipSpaces();
    Matcher m = NAME.matcher(text).region(pos, text.length());
    if (!m.lookingAt()) {
      throw error("expected an intrinsic function name");
    }
    String name = m.group();
    pos = m.end();
    skipSpaces();
    expect('(');
    List<Expr> args = new ArrayList<>();
    skipSpaces();
    if (peek() == ')') {
      pos++;
      return new Call(name, args);
    }
    while (true) {
      args.add(argument());
      skipSpaces();
      char c = peek();
      pos++;
      if (c == ')') {
        return new Call(name, args);
      }
      if (c != ',') {
        throw error("expected ',' or ')'");
      }
    }
  }

  private Expr argument() {
    skipSpaces();
    char c = peek();
    if (c == '\'') {
      return stringLiteral();
    }
    if (c == '$') {
      return path();
    }
    if (text.startsWith("States.", pos)) {
      return call();
    }
    for (String word : new String[] {"true", "false", "null"}) {
      if (text.startsWith(word, pos)) {
        pos += word.length();
        JsonNode value =
            word.equals("null") ? NullNode.getInstance() : BooleanNode.valueOf(word.equals("true"));
        return new Literal(value, word);
      }
    }
    Matcher m = NUMBER.matcher(text).region(pos, text.length());
    if (m.lookingAt()) {
      pos = m.end();
      BigDecimal number = new BigDecimal(m.group());
      JsonNode value =
          m.group(1) == null && m.group(2) == null
              ? Json.MAPPER.getNodeFactory().numberNode(number.toBigIntegerExact())
              : Json.MAPPER.getNodeFactory().numberNode(number);
      return new Literal(normalise(value), m.group());
    }
    throw error("unexpected argument");
  }

  private static JsonNode normalise(JsonNode number) {
    if (number.isBigInteger() && number.canConvertToLong()) {
      long v = number.longValue();
      return v == (int) v
          ? Json.MAPPER.getNodeFactory().numberNode((int) v)
          : Json.MAPPER.getNodeFactory().numberNode(v);
    }
    return number;
  }

  private Literal stringLiteral() {
    int start = pos;
    pos++; // opening quote
    StringBuilder value = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\\') {
        if (pos + 1 >= text.length()) {
          throw error("open escape backslash");
        }
        char escaped = text.charAt(pos + 1);
        if ("'{}\\".indexOf(escaped) < 0) {
          throw error("invalid escape \\" + escaped);
        }
        value.append(escaped);
        pos += 2;
      } else if (c == '\'') {
        pos++;
        String raw = text.substring(start + 1, pos - 1);
        return new Literal(TextNode.valueOf(value.toString()), raw);
      } else {
        value.append(c);
        pos++;
      }
    }
    throw error("unterminated string literal");
  }

  private PathRef path() {
    int start = pos;
    int depth = 0;
    char quote = 0;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        if (depth == 0) {
          throw error("unexpected quote in path");
        }
        quote = c;
      } else if (c == '[' || c == '(') {
        depth++;
      } else if (c == ']' || (c == ')' && depth > 0)) {
        depth--;
      } else if (depth == 0 && (c == ',' || c == ')')) {
        break;
      }
      pos++;
    }
    String path = text.substring(start, pos).trim();
    if (!JsonPaths.isValid(path)) {
      throw error("invalid path " + path);
    }
    return new PathRef(path);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private char peek() {
    if (pos >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(pos);
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(
        "Invalid intrinsic function '" + text + "': " + what + " at position " + pos);
  }
}

package io.orderflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's curl examples still work as written: each parses as the shell reads it, its JSON
 * body is JSON, and it calls a route of {@link ApiRoutes#ALL} with that route's method; and every
 * route of the table is shown.
 */
class ReadmeExamplesTest {

  private static final Path README = Path.of("..", "README.md");
  private static final Pattern BASH_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Z_]+)=(.*)$", Pattern.DOTALL);

  /** One curl call as the shell would run it: its method, path and body. */
  record Call(String method, String path, String body, String line) {}

  @Test
  void everyCurlCallsARouteOfTheRouteTableWithAJsonBody() throws IOException {
    List<Call> calls = curlCalls(Files.readString(README));

    assertThat(calls).hasSizeGreaterThan(25);
    for (Call call : calls) {
      assertThat(ApiRoutes.ALL).as("a route for %s %s in: %s", call.method(), call.path(), call.line())
          .anyMatch(route -> route.method().equals(call.method()) && route.match(call.path()).isPresent());
      if (call.body() != null) {
        assertThat(Json.read(call.body(), JsonNode.class).isObject()).as("JSON body of %s", call.line()).isTrue();
      }
    }
  }

  @Test
  void everyRouteOfTheTableIsShown() throws IOException {
    List<Call> calls = curlCalls(Files.readString(README));

    for (Route route : ApiRoutes.ALL) {
      assertThat(calls).as("an example of %s %s", route.method(), route.path())
          .anyMatch(call -> call.method().equals(route.method()) && route.match(call.path()).isPresent());
    }
  }

  @Test
  void aCurlWithAnUnknownRouteOrABrokenBodyIsCaught() {
    List<Call> calls = curlCalls("```bash\nAPI=http://localhost:3000\n"
        + "curl -s -X DELETE $API/orders/$ORDER\ncurl -s $API/tickets -d '{\"orderId\": \"'$ORDER'\", }'\n```\n");

    assertThat(calls).hasSize(2);
    assertThat(ApiRoutes.ALL).noneMatch(route -> route.method().equals("DELETE") && route.match(calls.get(0).path()).isPresent());
    assertThat(calls.get(1).body()).isEqualTo("{\"orderId\": \"ORDER\", }");
    assertThatThrownBy(() -> Json.read(calls.get(1).body(), JsonNode.class)).isInstanceOf(RuntimeException.class);
  }

  static List<Call> curlCalls(String markdown) {
    List<Call> calls = new ArrayList<>();
    Matcher block = BASH_BLOCK.matcher(markdown);
    // One shell session: a block uses what an earlier one set (API, ORDER, …).
    Map<String, String> variables = new HashMap<>();
    while (block.find()) {
      for (String line : logicalLines(block.group(1))) {
        List<String> words = words(line, variables);
        Matcher assignment = ASSIGNMENT.matcher(line);
        // A value from a command ($(…)) or an array stays its name: ORDER expands to "ORDER".
        if (assignment.matches() && !words.isEmpty() && !assignment.group(2).startsWith("$(")
            && !assignment.group(2).startsWith("(")) {
          variables.put(assignment.group(1), words.get(0).substring(words.get(0).indexOf('=') + 1));
        }
        int curl = words.indexOf("curl");
        if (curl >= 0) {
          calls.add(call(words.subList(curl + 1, words.size()), line));
        }
      }
    }
    return calls;
  }

  private static Call call(List<String> arguments, String line) {
    String method = null;
    String url = null;
    String body = null;
    for (int i = 0; i < arguments.size(); i++) {
      String word = arguments.get(i);
      switch (word) {
        case "-X" -> method = arguments.get(++i);
        case "-d" -> body = arguments.get(++i);
        case "-H" -> i++;
        default -> {
          if (word.startsWith("http") && url == null) {
            url = word;
          }
        }
      }
    }
    assertThat(url).as("the URL of: %s", line).isNotNull();
    String path = url.replaceFirst("^https?://[^/]+", "").replaceFirst("\\?.*$", "");
    boolean bodyFromVariable = body != null && !body.startsWith("{");
    return new Call(method != null ? method : body != null ? "POST" : "GET", path, bodyFromVariable ? null : body, line);
  }

  /** The block's commands: lines joined where a quote is still open or a line ends with a backslash; comments dropped. */
  private static List<String> logicalLines(String block) {
    List<String> lines = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : block.split("\n")) {
      current.append(current.length() == 0 ? "" : "\n").append(raw);
      String text = current.toString();
      if (text.endsWith("\\")) {
        current.setLength(current.length() - 1);
        continue;
      }
      if (!quotesOpen(text)) {
        lines.add(stripComment(text).strip());
        current.setLength(0);
      }
    }
    return lines;
  }

  private static boolean quotesOpen(String text) {
    char open = 0;
    for (char c : text.toCharArray()) {
      if (open == 0 && (c == '\'' || c == '"')) {
        open = c;
      } else if (c == open) {
        open = 0;
      } else if (open == 0 && c == '#') {
        return false;
      }
    }
    return open != 0;
  }

  private static String stripComment(String text) {
    char open = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (open == 0 && (c == '\'' || c == '"')) {
        open = c;
      } else if (c == open) {
        open = 0;
      } else if (open == 0 && c == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
        return text.substring(0, i);
      }
    }
    return text;
  }

  /**
   * The shell's words of {@code line}: quotes removed, {@code $VAR} expanded from {@code variables}
   * (else to the variable's name, e.g. ORDER), arrays and command substitutions opened up, so a
   * curl inside {@code $(…)} is found, and a pipe ends the words.
   */
  private static List<String> words(String line, Map<String, String> variables) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char open = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (open == '\'') {
        if (c == '\'') {
          open = 0;
        } else {
          word.append(c);
        }
        continue;
      }
      if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(') {
        int close = closingParenthesis(line, i + 2);
        String inner = line.substring(i + 2, close);
        if (inner.stripLeading().startsWith("curl")) {
          if (inWord) {
            words.add(word.toString());
            word.setLength(0);
            inWord = false;
          }
          words.addAll(words(inner, variables));
        } else {
          word.append("CMD");
          inWord = true;
        }
        i = close;
        continue;
      }
      if (c == '$' && i + 1 < line.length()) {
        int end = variableEnd(line, i + 1);
        String name = line.substring(i + 1, end).replaceAll("[{}]|\\[@]", "");
        word.append(variables.getOrDefault(name, name));
        inWord = true;
        i = end - 1;
        continue;
      }
      if (open == '"') {
        if (c == '"') {
          open = 0;
        } else {
          word.append(c);
        }
        continue;
      }
      if (c == '\'' || c == '"') {
        open = c;
        inWord = true;
      } else if (c == '|') {
        break;
      } else if (Character.isWhitespace(c) || c == '(') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** The index of the parenthesis that closes one opened before {@code start}, quotes respected. */
  private static int closingParenthesis(String line, int start) {
    int depth = 1;
    char open = 0;
    for (int i = start; i < line.length(); i++) {
      char c = line.charAt(i);
      if (open == 0 && (c == '\'' || c == '"')) {
        open = c;
      } else if (c == open) {
        open = 0;
      } else if (open == 0 && c == '(') {
        depth++;
      } else if (open == 0 && c == ')' && --depth == 0) {
        return i;
      }
    }
    throw new AssertionError("no closing parenthesis in: " + line);
  }

  private static int variableEnd(String line, int start) {
    if (line.charAt(start) == '{') {
      return line.indexOf('}', start) + 1;
    }
    int end = start;
    while (end < line.length() && (Character.isLetterOrDigit(line.charAt(end)) || line.charAt(end) == '_')) {
      end++;
    }
    return end;
  }
}

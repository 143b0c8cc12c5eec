package io.orderflow.local.sfn.json;

import com.dashjoin.jsonata.Jsonata;

/** The {@code "{% expression %}"} strings of JSONata states. */
public final class JsonataExpressions {

  private JsonataExpressions() {}

  /** True if {@code text} is a JSONata expression to evaluate rather than a literal string. */
  public static boolean isExpression(String text) {
    return text != null && text.startsWith("{%") && text.endsWith("%}") && text.length() >= 4;
  }

  /** The expression between {@code {%} and {@code %}}. */
  public static String body(String text) {
    return text.substring(2, text.length() - 2).trim();
  }

  /** Throws {@link IllegalArgumentException} with JSONata's own message if the expression does not parse. */
  public static void validate(String text) {
    try {
      Jsonata.jsonata(body(text));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("The JSONata expression '" + text + "' is not valid: " + e.getMessage(), e);
    }
  }
}

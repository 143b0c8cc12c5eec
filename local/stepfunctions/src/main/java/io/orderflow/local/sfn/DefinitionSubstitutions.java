package io.orderflow.local.sfn;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code ${Name}} placeholders in a definition the way CDK's {@code
 * definitionSubstitutions} do on AWS (CloudFormation Fn::Sub on the definition string): each
 * placeholder is replaced by its value as raw text, {@code ${!Name}} stands for a literal
 * {@code ${Name}}, and a placeholder without a value is an error (on AWS, a failed deployment).
 */
public final class DefinitionSubstitutions {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(!?)([A-Za-z0-9_.:-]+)}");

  private DefinitionSubstitutions() {}

  /** Raised when placeholders are left without a value; lists all of them. */
  public static final class UnfilledPlaceholdersException extends IllegalArgumentException {
    private final List<String> missing;

    UnfilledPlaceholdersException(Set<String> missing) {
      super("Definition placeholders without a substitution: " + String.join(", ", missing));
      this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
      return missing;
    }
  }

  /** The placeholder names used in {@code definition}, sorted. */
  public static Set<String> placeholders(String definition) {
    Set<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(definition);
    while (m.find()) {
      if (m.group(1).isEmpty()) {
        names.add(m.group(2));
      }
    }
    return names;
  }

  /**
   * Returns {@code definition} with every {@code ${Name}} replaced from {@code values}.
   *
   * @throws UnfilledPlaceholdersException naming every placeholder that has no value
   */
  public static String apply(String definition, Map<String, String> values) {
    Set<String> missing = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(definition);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (!m.group(1).isEmpty()) {
        replacement = "${" + m.group(2) + "}";
      } else if (values.containsKey(m.group(2))) {
        replacement = values.get(m.group(2));
      } else {
        missing.add(m.group(2));
        replacement = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    if (!missing.isEmpty()) {
      throw new UnfilledPlaceholdersException(missing);
    }
    return out.toString();
  }
}

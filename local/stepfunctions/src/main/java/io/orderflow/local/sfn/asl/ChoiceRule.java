package io.orderflow.local.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A Choice rule, parsed and validated when the definition is created, so that running a Choice
 * state only evaluates: {@code And}/{@code Or}/{@code Not} over comparisons of a Variable
 * (JSONPath), or a JSONata {@code Condition}.
 */
public sealed interface ChoiceRule {

  record And(List<ChoiceRule> rules) implements ChoiceRule {}

  record Or(List<ChoiceRule> rules) implements ChoiceRule {}

  record Not(ChoiceRule rule) implements ChoiceRule {}

  /**
   * {@code Variable} compared by {@code operator} with {@code operand}: a literal, or when the
   * operator name ends in {@code Path} ({@code NumericLessThanPath}) a path to the value.
   */
  record Comparison(String variable, Operator operator, JsonNode operand, boolean operandIsPath)
      implements ChoiceRule {}

  /** A JSONata Choice rule: {@code "Condition": "{% $states.input.total > 100 %}"}. */
  record Condition(String expression) implements ChoiceRule {}

  /** What kind of values an operator compares, or which type test it is. */
  enum Kind {
    STRING, NUMERIC, TIMESTAMP, BOOLEAN, MATCHES,
    IS_PRESENT, IS_NULL, IS_NUMERIC, IS_STRING, IS_BOOLEAN, IS_TIMESTAMP
  }

  enum Relation { EQUALS, LESS_THAN, GREATER_THAN, LESS_THAN_EQUALS, GREATER_THAN_EQUALS }

  /** One comparison operator, e.g. {@code StringLessThanEquals} = (STRING, LESS_THAN_EQUALS). */
  record Operator(String name, Kind kind, Relation relation) {

    public boolean isTypeTest() {
      return kind.name().startsWith("IS_");
    }

    /** The operator named {@code field} (without a trailing {@code Path}), or null if none is. */
    static Operator named(String field) {
      for (Kind kind : List.of(Kind.STRING, Kind.NUMERIC, Kind.TIMESTAMP)) {
        String prefix = switch (kind) {
          case STRING -> "String";
          case NUMERIC -> "Numeric";
          default -> "Timestamp";
        };
        if (field.startsWith(prefix)) {
          String rest = field.substring(prefix.length());
          for (Relation relation : Relation.values()) {
            if (rest.equals(relationName(relation))) {
              return new Operator(field, kind, relation);
            }
          }
        }
      }
      return switch (field) {
        case "BooleanEquals" -> new Operator(field, Kind.BOOLEAN, Relation.EQUALS);
        case "StringMatches" -> new Operator(field, Kind.MATCHES, Relation.EQUALS);
        case "IsPresent" -> new Operator(field, Kind.IS_PRESENT, null);
        case "IsNull" -> new Operator(field, Kind.IS_NULL, null);
        case "IsNumeric" -> new Operator(field, Kind.IS_NUMERIC, null);
        case "IsString" -> new Operator(field, Kind.IS_STRING, null);
        case "IsBoolean" -> new Operator(field, Kind.IS_BOOLEAN, null);
        case "IsTimestamp" -> new Operator(field, Kind.IS_TIMESTAMP, null);
        default -> null;
      };
    }

    private static String relationName(Relation relation) {
      return switch (relation) {
        case EQUALS -> "Equals";
        case LESS_THAN -> "LessThan";
        case GREATER_THAN -> "GreaterThan";
        case LESS_THAN_EQUALS -> "LessThanEquals";
        case GREATER_THAN_EQUALS -> "GreaterThanEquals";
      };
    }
  }
}

package io.orderflow.aftersales;

import java.util.List;

/** Bad input, field by field (API answer 400 VALIDATION_FAILED with details). */
public class InvalidInput extends RuntimeException {

  /** One problem with one field, e.g. {@code lines[0].quantity}. */
  public record Problem(String field, String problem) {}

  private final List<Problem> problems;

  public InvalidInput(List<Problem> problems) {
    super("invalid input: " + problems);
    this.problems = List.copyOf(problems);
  }

  public static InvalidInput of(String field, String problem) {
    return new InvalidInput(List.of(new Problem(field, problem)));
  }

  public List<Problem> problems() {
    return problems;
  }
}

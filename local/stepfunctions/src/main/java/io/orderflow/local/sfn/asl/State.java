package io.orderflow.local.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One state of a definition, already validated. Path fields use three values: Java {@code null}
 * when the field is absent (the default {@code $} applies), a JSON null when the definition says
 * {@code null}, or the path text.
 *
 * <p>A JSONata state ({@link Common#jsonata()}) keeps its fields in the same records: Arguments in
 * {@code parameters}, Items in {@code Map.items}, and a {@code {% expression %}} given for a
 * single value (Seconds, Timestamp, TimeoutSeconds, MaxConcurrency, Error, Cause...) in the
 * matching {@code ...Path} field, which is where a JSONPath state keeps the path to that value.
 */
public sealed interface State {

  Common common();

  default String name() {
    return common().name();
  }

  default String type() {
    return common().type();
  }

  /**
   * Fields every state has. {@code next} is null for a state that ends its block; {@code assign}
   * (variables) and {@code output} (JSONata Output) are null when absent.
   */
  record Common(String name, String type, String next, JsonNode inputPath, JsonNode outputPath, boolean jsonata, JsonNode assign, JsonNode output) {

    public Common(String name, String type, String next, JsonNode inputPath, JsonNode outputPath) {
      this(name, type, next, inputPath, outputPath, false, null, null);
    }
  }

  record Pass(Common common, JsonNode parameters, JsonNode result, JsonNode resultPath)
      implements State {}

  record Task(
      Common common,
      String resource,
      JsonNode parameters,
      JsonNode resultSelector,
      JsonNode resultPath,
      List<Retrier> retry,
      List<Catcher> catchers,
      Integer timeoutSeconds,
      String timeoutSecondsPath,
      Integer heartbeatSeconds,
      String heartbeatSecondsPath)
      implements State {}

  record Choice(Common common, List<Choice.Option> choices, String defaultState) implements State {

    /** One element of Choices: the rule, the state it leads to, and what it assigns and outputs. */
    public record Option(ChoiceRule rule, String next, JsonNode assign, JsonNode output) {}
  }

  record Wait(
      Common common, Long seconds, String secondsPath, String timestamp, String timestampPath)
      implements State {}

  record Succeed(Common common) implements State {}

  record Fail(Common common, String error, String errorPath, String cause, String causePath)
      implements State {}

  record Parallel(
      Common common,
      List<StatesBlock> branches,
      JsonNode parameters,
      JsonNode resultSelector,
      JsonNode resultPath,
      List<Retrier> retry,
      List<Catcher> catchers)
      implements State {}

  record Map(
      Common common,
      StatesBlock processor,
      String itemsPath,
      JsonNode items,
      JsonNode itemSelector,
      Integer maxConcurrency,
      String maxConcurrencyPath,
      Integer toleratedFailureCount,
      String toleratedFailureCountPath,
      Double toleratedFailurePercentage,
      String toleratedFailurePercentagePath,
      JsonNode resultSelector,
      JsonNode resultPath,
      List<Retrier> retry,
      List<Catcher> catchers)
      implements State {}
}

package io.orderflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.LocalFunctions;
import io.orderflow.local.LocalStack;
import io.orderflow.local.StackConnection;
import io.orderflow.local.StackFile;
import io.orderflow.platform.Json;
import io.orderflow.platform.LambdaFunction;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Runs one function with an event file, like {@code sam local invoke}: against the stack that
 * {@code orderflow serve} runs if there is one (saying so, as it changes that stack's data),
 * otherwise against a stack started for this call. A sample event of {@code events/} works as
 * shipped ({@link SampleEvents}). The exit code says whether the function succeeded: 1 for an
 * error, an HTTP answer of 400 or more, or a batch with failed items.
 */
@Command(name = "invoke", mixinStandardHelpOptions = true,
    description = "Invokes one function with an event (a file, or a name under events/) and prints its response. "
        + "A sample event's order is prepared on the stack first; signed carrier events are signed again with the "
        + "current time. Exit code 1 if the function fails, answers HTTP 400 or more, or reports failed batch items.")
final class InvokeCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "<function>", description = "e.g. validate, reserve, track (see LambdaFunction).")
  String functionName;

  @Parameters(index = "1", paramLabel = "<event.json>", description = "The event: a path, or a file name in events/.")
  String eventFile;

  @Mixin
  RunningStack stack;

  @Override
  public Integer call() throws IOException {
    Optional<LambdaFunction> function = LambdaFunction.byBaseName(functionName);
    if (function.isEmpty()) {
      System.err.println("no function " + functionName + "; one of: " + Arrays.stream(LambdaFunction.values())
          .map(LambdaFunction::baseName).collect(Collectors.joining(", ")));
      return 2;
    }
    Optional<Path> event = eventPath();
    if (event.isEmpty()) {
      System.err.println("no event file " + eventFile + " (looked here and in " + eventsDir() + ")");
      return 2;
    }
    String payload = Files.readString(event.get());
    Optional<StackFile> served = StackFile.readLive(RunningStack.stackFile());
    // Before the first logger exists: the running stack's file, or one of this call's own.
    LogFiles.use(served.map(StackFile::logFile).map(Path::of).orElse(LogFiles.stateDir().resolve("orderflow.log")));
    StringBuilder problem = new StringBuilder();
    Optional<StackConnection> running = served.isPresent() || stack.explicit() ? stack.attach(problem) : Optional.empty();
    if (running.isPresent()) {
      System.err.println("Invoking " + function.get().baseName() + " on the running stack"
          + served.map(file -> " (serve, pid " + file.pid() + ")").orElse("")
          + ": what it changes stays" + (function.get() == LambdaFunction.API && payload.contains("\"POST\"")
              && payload.contains("\"/orders\"") ? " (this places a real order)" : "") + ".");
      try (StackConnection connection = running.get()) {
        SampleEvents samples = new SampleEvents(eventsDir(), connection.functions(), connection.adapters(),
            LocalStack.Options.defaults().carrierSecret(), System.err);
        return invoke(samples, connection.functions(), function.get(), payload, System.out, System.err);
      }
    }
    if (stack.explicit()) {
      System.err.println(problem + "\n" + RunningStack.hint());
      return 1;
    }
    LogFiles.startRun(LogFiles.stateDir().resolve("invoke.log"));
    System.err.println("No stack is running (no live " + RunningStack.stackFile() + "): starting one for this call "
        + "(data in memory, logs in " + LogFiles.stateDir().resolve("invoke.log") + ").");
    try (LocalStack started = ServeCommand.startQuietly(LocalStack.Options.ephemeral().withSeedDemoData(true))) {
      SampleEvents samples = new SampleEvents(eventsDir(), started.functions(), started.adapters(),
          started.options().carrierSecret(), System.err);
      return invoke(samples, started.functions(), function.get(), payload, System.out, System.err);
    }
  }

  private Optional<Path> eventPath() {
    Path given = Path.of(eventFile);
    if (Files.isRegularFile(given)) {
      return Optional.of(given);
    }
    Path sample = eventsDir().resolve(eventFile);
    return Files.isRegularFile(sample) ? Optional.of(sample) : Optional.empty();
  }

  static Path eventsDir() {
    return OrderflowCli.home().resolve("events");
  }

  /**
   * Prepares the stack for the event ({@code samples}), invokes, and prints the response (or the
   * error the Lambda runtime would report) as JSON on {@code out}; returns the exit code.
   */
  static int invoke(SampleEvents samples, LocalFunctions functions, LambdaFunction function, String payload,
      PrintStream out, PrintStream err) throws IOException {
    try {
      String prepared = samples.prepare(function, payload);
      String response = functions.invoke(function, prepared);
      out.println(response == null ? "null" : pretty(response));
      Optional<String> failed = failure(response);
      failed.ifPresent(why -> err.println(function.baseName() + " answered " + why + "."));
      return failed.isPresent() ? 1 : 0;
    } catch (Exception e) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("errorType", e.getClass().getName());
      error.put("errorMessage", e.getMessage());
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(error));
      return 1;
    }
  }

  /** What makes a response a failure: an HTTP answer of 400 or more, or failed batch items. */
  static Optional<String> failure(String response) {
    if (response == null) {
      return Optional.empty();
    }
    JsonNode answer;
    try {
      answer = Json.MAPPER.readTree(response);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (answer == null || !answer.isObject()) {
      return Optional.empty();
    }
    if (answer.path("statusCode").asInt(0) >= 400) {
      String code = "";
      try {
        code = " " + Json.MAPPER.readTree(answer.path("body").asText("{}")).path("error").path("code").asText("");
      } catch (IOException e) {
        // the status alone says it
      }
      return Optional.of("HTTP " + answer.path("statusCode").asInt() + code.stripTrailing());
    }
    int failedItems = answer.path("batchItemFailures").size();
    return failedItems > 0 ? Optional.of(failedItems + " failed batch item(s)") : Optional.empty();
  }

  private static String pretty(String json) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Json.read(json, JsonNode.class));
    } catch (IOException | RuntimeException e) {
      return json;
    }
  }
}

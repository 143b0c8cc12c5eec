package io.orderflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.LocalFunctions;
import io.orderflow.local.LocalStack;
import io.orderflow.local.StackConnection;
import io.orderflow.platform.Json;
import io.orderflow.platform.LambdaFunction;
import java.io.IOException;
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
 * {@code orderflow serve} runs if there is one, otherwise against a stack started for this call.
 */
@Command(name = "invoke", mixinStandardHelpOptions = true,
    description = "Invokes one function with an event (a file, or a name under events/) and prints its response.")
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
      System.err.println("no event file " + eventFile + " (looked here and in " + OrderflowCli.home().resolve("events") + ")");
      return 2;
    }
    String payload = Files.readString(event.get());
    Optional<StackConnection> running = stack.attach();
    if (running.isPresent()) {
      try (StackConnection connection = running.get()) {
        return invoke(connection.functions(), function.get(), payload);
      }
    }
    System.err.println("No stack runs on the default ports: starting one for this call (data in memory).");
    try (LocalStack started = ServeCommand.startQuietly(LocalStack.Options.ephemeral().withSeedDemoData(true))) {
      return invoke(started.functions(), function.get(), payload);
    }
  }

  private Optional<Path> eventPath() {
    Path given = Path.of(eventFile);
    if (Files.isRegularFile(given)) {
      return Optional.of(given);
    }
    Path sample = OrderflowCli.home().resolve("events").resolve(eventFile);
    return Files.isRegularFile(sample) ? Optional.of(sample) : Optional.empty();
  }

  /** Prints the response, or the error the Lambda runtime would report, as JSON. */
  private static int invoke(LocalFunctions functions, LambdaFunction function, String payload) throws IOException {
    try {
      String response = functions.invoke(function, payload);
      System.out.println(response == null ? "null" : pretty(response));
      return 0;
    } catch (Exception e) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("errorType", e.getClass().getName());
      error.put("errorMessage", e.getMessage());
      System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(error));
      return 1;
    }
  }

  private static String pretty(String json) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Json.read(json, JsonNode.class));
    } catch (IOException | RuntimeException e) {
      return json;
    }
  }
}

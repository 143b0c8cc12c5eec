package io.orderflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.StackFile;
import io.orderflow.platform.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Reads the JSON log lines of the functions (one object per line, Powertools' layout) back as one
 * readable line each: time, level, function, order, message, and an error's first line.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
    description = "Prints the functions' JSON log lines readably: the running stack's log (from .orderflow/stack.json), "
        + "else .orderflow/orderflow.log.")
final class LogsCommand implements Callable<Integer> {

  private static final long FOLLOW_POLL_MILLIS = 250;

  @Option(names = "--order", paramLabel = "ID", description = "Only the lines about this order.")
  String orderId;

  @Option(names = "--follow", description = "Keep printing new lines as they are written (Ctrl-C to stop).")
  boolean follow;

  @Option(names = "--file", paramLabel = "FILE", description = "Another log file, e.g. .orderflow/invoke.log.")
  Path file;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path log = file != null ? file
        : StackFile.readLive(RunningStack.stackFile()).map(StackFile::logFile).map(Path::of)
            .orElse(LogFiles.stateDir().resolve("orderflow.log"));
    if (!Files.isRegularFile(log)) {
      System.err.println("No log file " + log + " yet: ./orderflow serve writes it.");
      return 1;
    }
    try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
      while (true) {
        String line = reader.readLine();
        if (line != null) {
          print(line, System.out);
        } else if (follow) {
          Thread.sleep(FOLLOW_POLL_MILLIS);
        } else {
          return 0;
        }
      }
    }
  }

  private void print(String line, PrintStream out) {
    readable(line, orderId).ifPresent(out::println);
  }

  /** One log line as a person reads it, or empty if it is about another order than {@code onlyOrder}. */
  static Optional<String> readable(String line, String onlyOrder) {
    JsonNode entry;
    try {
      entry = Json.MAPPER.readTree(line);
    } catch (IOException e) {
      entry = null;
    }
    if (entry == null || !entry.isObject()) {
      return onlyOrder == null || line.contains(onlyOrder) ? Optional.of(line) : Optional.empty();
    }
    String order = entry.path("orderId").asText("");
    if (onlyOrder != null && !order.equals(onlyOrder) && !entry.path("message").asText("").contains(onlyOrder)) {
      return Optional.empty();
    }
    String timestamp = entry.path("timestamp").asText("");
    StringBuilder text = new StringBuilder()
        .append(timestamp.length() >= 23 ? timestamp.substring(11, 23) : timestamp)
        .append(' ').append(String.format("%-5s", entry.path("level").asText("")))
        .append(' ').append(entry.path("function_name").asText("-"));
    if (!order.isEmpty()) {
      text.append(" [").append(order).append(']');
    }
    text.append(' ').append(entry.path("message").asText(""));
    JsonNode error = entry.path("error");
    if (error.path("name").isTextual()) {
      text.append("\n    ").append(error.path("name").asText()).append(": ").append(error.path("message").asText(""));
    }
    return Optional.of(text.toString());
  }
}

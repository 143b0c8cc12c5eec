package io.orderflow.local.cli;

import io.orderflow.local.LocalStack;
import io.orderflow.local.StackConnection;
import io.orderflow.local.StackFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the stack a command works against runs, found the same way by every command: the flags
 * if given, else what {@code orderflow serve} wrote to {@code .orderflow/stack.json} (if its
 * process still runs), else the default ports. What answers must be orderflow: its API's
 * {@code GET /health}, or with only ports given, its Step Functions endpoint knowing orderflow's
 * state machines. When nothing does, the message names every place that was tried.
 */
final class RunningStack {

  static final URI DEFAULT_API = URI.create("http://localhost:3000");

  @Option(names = "--api", paramLabel = "URL",
      description = "The running stack's API (default: from .orderflow/stack.json, else ${DEFAULT-VALUE}).")
  URI api;

  @Option(names = "--sfn-port", paramLabel = "PORT", description = "The running stack's Step Functions port (default: from stack.json, else 8083).")
  Integer stepFunctionsPort;

  @Option(names = "--dynamodb-port", paramLabel = "PORT", description = "The running stack's DynamoDB port (default: from stack.json, else 8000).")
  Integer dynamoDbPort;

  @Option(names = "--sqs-port", paramLabel = "PORT", description = "The running stack's SQS port (default: from stack.json, else 9324).")
  Integer sqsPort;

  /** Where to look, and why there: for the message when nothing answers. */
  record Target(URI api, String host, int stepFunctionsPort, int dynamoDbPort, int sqsPort, String source) {

    String describe() {
      return (api == null ? "" : api + "/health, ")
          + "Step Functions, DynamoDB, SQS on " + host + " ports " + stepFunctionsPort + ", " + dynamoDbPort + ", "
          + sqsPort + " (" + source + ")";
    }
  }

  /** The stack file this checkout's {@code serve} writes. */
  static Path stackFile() {
    return OrderflowCli.home().resolve(".orderflow").resolve(StackFile.NAME);
  }

  /** Whether the user pointed the command somewhere (then it must not quietly go elsewhere). */
  boolean explicit() {
    return api != null || stepFunctionsPort != null || dynamoDbPort != null || sqsPort != null;
  }

  Target target() {
    Optional<StackFile> file = StackFile.readLive(stackFile());
    boolean portsOnly = api == null && (stepFunctionsPort != null || dynamoDbPort != null || sqsPort != null);
    List<String> from = new ArrayList<>();
    if (explicit()) {
      from.add("from the flags");
    }
    file.ifPresent(found -> from.add("from " + stackFile() + ", pid " + found.pid()));
    if (file.isEmpty()) {
      from.add("the defaults; no running serve wrote " + stackFile());
    }
    URI apiUri = api != null ? api
        : portsOnly ? null
        : file.map(StackFile::api).orElse(DEFAULT_API);
    String host = file.map(StackFile::connectHost).orElse(api != null ? api.getHost() : "localhost");
    return new Target(
        apiUri,
        host,
        stepFunctionsPort != null ? stepFunctionsPort : file.map(StackFile::stepFunctionsPort).orElse(8083),
        dynamoDbPort != null ? dynamoDbPort : file.map(StackFile::dynamoDbPort).orElse(8000),
        sqsPort != null ? sqsPort : file.map(StackFile::sqsPort).orElse(9324),
        String.join("; ", from));
  }

  /** The API of the running stack if orderflow answers there; otherwise empty, and {@code problem} says why. */
  Optional<URI> api(StringBuilder problem) {
    Target target = target();
    URI endpoint = target.api() != null ? target.api() : DEFAULT_API;
    Optional<String> unhealthy = health(endpoint);
    if (unhealthy.isPresent()) {
      problem.append("No orderflow stack answers at ").append(endpoint).append("/health (")
          .append(unhealthy.get()).append("; ").append(target.source()).append(").");
      return Optional.empty();
    }
    return Optional.of(endpoint);
  }

  /** A connection to the running stack's services; otherwise empty, and {@code problem} says what was tried. */
  Optional<StackConnection> attach(StringBuilder problem) {
    Target target = target();
    if (target.api() != null) {
      Optional<String> unhealthy = health(target.api());
      if (unhealthy.isPresent()) {
        problem.append("No orderflow stack found: tried ").append(target.api()).append("/health (")
            .append(unhealthy.get()).append("; ").append(target.source()).append(").");
        return Optional.empty();
      }
    }
    Optional<StackConnection> connection;
    try {
      connection = StackConnection.attach(LocalStack.Options.defaults()
          .withPorts(0, target.stepFunctionsPort(), target.dynamoDbPort(), target.sqsPort())
          .withGateway(false)
          .withHost(target.host()));
    } catch (RuntimeException e) {
      problem.append("What answers is not orderflow: ").append(e.getMessage()).append(" (tried ")
          .append(target.describe()).append(").");
      return Optional.empty();
    }
    if (connection.isEmpty()) {
      problem.append("No orderflow stack found: tried ").append(target.describe()).append(".");
    }
    return connection;
  }

  /** What to do about it, after a problem. */
  static String hint() {
    return "Start one with ./orderflow serve, or point at one with --api URL (and --sfn-port, --dynamodb-port, "
        + "--sqs-port if they are not the defaults).";
  }

  /** Empty if {@code api} is orderflow's ({@code GET /health} answers 200 {"status": "ok"}), else what it was instead. */
  static Optional<String> health(URI api) {
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpResponse<String> response = client.send(
          HttpRequest.newBuilder(api.resolve("/health")).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200 && response.body().replace(" ", "").contains("\"status\":\"ok\"")) {
        return Optional.empty();
      }
      return Optional.of("something answers, but not orderflow: GET /health → " + response.statusCode());
    } catch (java.io.IOException e) {
      return Optional.of("nothing answers: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    } catch (IllegalArgumentException e) {
      return Optional.of("not an HTTP URL");
    }
  }
}

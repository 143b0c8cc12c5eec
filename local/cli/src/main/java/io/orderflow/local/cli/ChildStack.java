package io.orderflow.local.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code orderflow serve} in a child JVM, with this JVM's classpath, on fixed free ports and a data
 * directory, so that it can be killed as a crash kills it (SIGKILL: no shutdown hook, no last save)
 * and started again on the same data and ports. Its console and log go to files in the data
 * directory.
 */
final class ChildStack implements AutoCloseable {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
  private static final int START_ATTEMPTS = 3;

  /** The ports the stack answers on, the same after every restart. */
  record Ports(int api, int stepFunctions, int dynamoDb, int sqs) {

    static Ports free() {
      List<ServerSocket> sockets = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          ServerSocket socket = new ServerSocket(0);
          sockets.add(socket);
        }
        return new Ports(sockets.get(0).getLocalPort(), sockets.get(1).getLocalPort(),
            sockets.get(2).getLocalPort(), sockets.get(3).getLocalPort());
      } catch (IOException e) {
        throw new UncheckedIOException("no free port", e);
      } finally {
        sockets.forEach(ChildStack::closeQuietly);
      }
    }
  }

  private final Path dataDir;
  private final Ports ports;
  private final List<String> serveOptions;
  private final Duration startTimeout;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;
  private final List<Duration> startTimes = new ArrayList<>();

  private ChildStack(Path dataDir, Ports ports, List<String> serveOptions, Duration startTimeout) {
    this.dataDir = dataDir;
    this.ports = ports;
    this.serveOptions = List.copyOf(serveOptions);
    this.startTimeout = startTimeout;
  }

  /** Starts {@code serve --data-dir dataDir} plus {@code serveOptions} on free ports and waits until its API answers. */
  static ChildStack start(Path dataDir, List<String> serveOptions, Duration startTimeout) throws InterruptedException {
    ChildStack stack = new ChildStack(dataDir, Ports.free(), serveOptions, startTimeout);
    stack.startProcess();
    return stack;
  }

  URI api() {
    return URI.create("http://localhost:" + ports.api());
  }

  URI stepFunctions() {
    return URI.create("http://localhost:" + ports.stepFunctions());
  }

  Path dataDir() {
    return dataDir;
  }

  /** How long each start took until the API answered, the first one included. */
  List<Duration> startTimes() {
    return List.copyOf(startTimes);
  }

  /** SIGKILL, as a crash or an out-of-memory kill ends it: nothing is flushed or saved on the way out. */
  synchronized void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor();
      process = null;
    }
  }

  /** Kills the stack and starts it again on the same data directory and ports. */
  synchronized void killAndRestart() throws InterruptedException {
    kill();
    startProcess();
  }

  /** A clean stop (SIGTERM: the shutdown hook saves and closes), forced if it takes too long. */
  @Override
  public synchronized void close() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
      process = null;
    }
  }

  private void startProcess() throws InterruptedException {
    IllegalStateException failure = null;
    // A port the killed JVM held may take a moment to be free again: a failed start is tried again.
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        Instant began = Instant.now();
        launch();
        awaitApi();
        startTimes.add(Duration.between(began, Instant.now()));
        return;
      } catch (IllegalStateException e) {
        kill();
        failure = failure == null ? e : failure;
        if (failure != e) {
          failure.addSuppressed(e);
        }
        Thread.sleep(POLL_INTERVAL.toMillis() * attempt);
      }
    }
    throw failure;
  }

  private void launch() {
    List<String> command = new ArrayList<>(List.of(javaBinary(),
        // A stack restarted again and again runs minutes, not hours: quick compilation and one GC
        // thread start it sooner on a small machine, and free the cores for the orders' work.
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"),
        OrderflowCli.class.getName(), "serve",
        "--data-dir", dataDir.toAbsolutePath().toString(),
        "--api-port", String.valueOf(ports.api()),
        "--sfn-port", String.valueOf(ports.stepFunctions()),
        "--dynamodb-port", String.valueOf(ports.dynamoDb()),
        "--sqs-port", String.valueOf(ports.sqs())));
    command.addAll(serveOptions);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(console().toFile()));
    // The child's own files (its log before serve moves it) stay in the data directory.
    builder.environment().put(OrderflowCli.HOME_VARIABLE, dataDir.toAbsolutePath().toString());
    try {
      Files.createDirectories(dataDir);
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start a JVM for the stack: " + e.getMessage(), e);
    }
  }

  /** Polls the API until it answers anything at all (401 included), the child dies, or time runs out. */
  private void awaitApi() throws InterruptedException {
    Instant deadline = Instant.now().plus(startTimeout);
    HttpRequest probe = HttpRequest.newBuilder(api().resolve("/orders")).timeout(Duration.ofSeconds(2)).GET().build();
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the stack's JVM exited with " + process.exitValue() + ":\n" + consoleTail());
      }
      try {
        http.send(probe, HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        Thread.sleep(POLL_INTERVAL.toMillis());
      }
    }
    throw new IllegalStateException("the stack's API did not answer within " + startTimeout.toSeconds() + " s:\n"
        + consoleTail());
  }

  /** The child's stdout and stderr, kept across restarts. */
  Path console() {
    return dataDir.resolve("serve-console.log");
  }

  private String consoleTail() {
    try {
      List<String> lines = Files.readAllLines(console(), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no console output: " + e.getMessage() + ")";
    }
  }

  private static String javaBinary() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Only its port number was needed.
    }
  }
}

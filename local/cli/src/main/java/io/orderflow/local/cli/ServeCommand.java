package io.orderflow.local.cli;

import io.orderflow.local.LocalStack;
import io.orderflow.local.StepFailures;
import io.orderflow.local.StackFile;
import io.orderflow.local.carrier.CarrierSimulator;
import io.orderflow.platform.Cors;
import io.orderflow.platform.Json;
import io.orderflow.sweep.SweepSettings;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Runs the whole stack until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Starts DynamoDB, SQS, Step Functions, every function, the API and a simulated carrier in this JVM.")
final class ServeCommand implements Callable<Integer> {

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Keep the data in DIR across restarts: tables, their streams and the workflows' executions, running ones resumed (default: in memory).")
  Path dataDir;

  @Option(names = "--no-carrier-sim", description = "Do not simulate the carrier (post webhook events yourself).")
  boolean noCarrier;

  @Option(names = "--time-scale", paramLabel = "N", defaultValue = "1",
      description = "Run workflow time N times faster: waits, timeouts, retries, carrier pace (default: ${DEFAULT-VALUE}).")
  double timeScale;

  @Option(names = "--carrier-pace", paramLabel = "SECONDS", defaultValue = "5",
      description = "Workflow seconds between two carrier scans of a parcel (default: ${DEFAULT-VALUE}).")
  double carrierPaceSeconds;

  @Option(names = "--cors-origins", paramLabel = "LIST", defaultValue = "*",
      description = "Browser origins whose scripts may call the API, comma-separated, or * for any (default: ${DEFAULT-VALUE}).")
  String corsOrigins;

  @Option(names = "--fail-rate", paramLabel = "RATE", defaultValue = "0", hidden = true,
      description = "Chaos: fail this share (0 to 1) of the workflows' Lambda invocations with Lambda.ServiceException, "
          + "half before the handler runs, half after it ran (default: ${DEFAULT-VALUE}).")
  double failRate;

  @Option(names = "--fail-seed", paramLabel = "SEED", defaultValue = "1", hidden = true,
      description = "Chaos: the seed of the injected failures' random sequence (default: ${DEFAULT-VALUE}).")
  long failSeed;

  @Option(names = "--sweep-interval", paramLabel = "SECONDS", defaultValue = "300",
      description = "Seconds between two runs of the stranded-order sweeper, 0 for none (default: ${DEFAULT-VALUE}).")
  long sweepIntervalSeconds;

  @Option(names = "--sweep-after", paramLabel = "MINUTES", defaultValue = "15",
      description = "Minutes an order may sit unchanged, its workflow stopped, before the sweeper redrives or compensates it (default: ${DEFAULT-VALUE}).")
  long sweepAfterMinutes;

  @Option(names = "--api-port", defaultValue = "3000", description = "Default: ${DEFAULT-VALUE}.")
  int apiPort;

  @Option(names = "--sfn-port", defaultValue = "8083", description = "Step Functions; default: ${DEFAULT-VALUE}.")
  int stepFunctionsPort;

  @Option(names = "--dynamodb-port", defaultValue = "8000", description = "Default: ${DEFAULT-VALUE}.")
  int dynamoDbPort;

  @Option(names = "--sqs-port", defaultValue = "9324", description = "Default: ${DEFAULT-VALUE}.")
  int sqsPort;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = LocalStack.LOOPBACK,
      description = "The address every listener (the API, Step Functions, DynamoDB, SQS) binds (default: "
          + "${DEFAULT-VALUE}, this machine only; 0.0.0.0 shares them, and the backing services take no credentials).")
  String host;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    StepFailures stepFailures;
    LocalStack.Sweeper sweeper;
    try {
      stepFailures = new StepFailures(failRate, failSeed);
      sweeper = sweeper(sweepIntervalSeconds, sweepAfterMinutes);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Path logFile = LogFiles.startRun((dataDir != null ? dataDir : LogFiles.stateDir()).resolve("orderflow.log"));
    LocalStack.Options options = LocalStack.Options.defaults()
        .withPorts(apiPort, stepFunctionsPort, dynamoDbPort, sqsPort)
        .withHost(host)
        .withDataDir(dataDir)
        .withTimeScale(timeScale)
        .withCors(Cors.parse(corsOrigins))
        .withCarrierSimulator(!noCarrier, Duration.ofMillis((long) (carrierPaceSeconds * 1000)))
        .withStepFailures(stepFailures)
        .withSweeper(sweeper);
    System.out.println("Starting orderflow…");
    LocalStack stack;
    try {
      stack = startQuietly(options);
    } catch (RuntimeException e) {
      System.err.println("orderflow could not start: " + e.getMessage()
          + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : "")
          + "\nIs another stack running? Stop it, or choose other ports (--api-port, --sfn-port, --dynamodb-port, --sqs-port).");
      return 1;
    }
    Path stackFile = RunningStack.stackFile();
    StackFile.of(stack, logFile).write(stackFile);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("\nStopping orderflow…");
      StackFile.removeIfOurs(stackFile);
      stack.close();
      System.out.println("Stopped.");
      stopped.countDown();
    }, "orderflow-shutdown"));
    System.out.print(banner(stack, logFile));
    System.out.flush();
    stopped.await();
    return 0;
  }

  static LocalStack.Sweeper sweeper(long intervalSeconds, long afterMinutes) {
    if (intervalSeconds < 0 || afterMinutes < 0) {
      throw new IllegalArgumentException("--sweep-interval and --sweep-after cannot be negative");
    }
    SweepSettings settings = SweepSettings.DEFAULTS.withSweepAfter(Duration.ofMinutes(afterMinutes));
    return new LocalStack.Sweeper(intervalSeconds == 0 ? null : Duration.ofSeconds(intervalSeconds), settings);
  }

  /** DynamoDB Local prints its configuration on stdout; the banner below says what matters. */
  static LocalStack startQuietly(LocalStack.Options options) {
    PrintStream console = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      return LocalStack.start(options);
    } finally {
      System.setOut(console);
    }
  }

  static String banner(LocalStack stack, Path logFile) {
    URI api = stack.apiEndpoint().orElseThrow();
    String customerToken = stack.tokens().issue("customer-1", false);
    String opsToken = stack.tokens().issue("ops-1", true);
    LocalStack.Options options = stack.options();
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%norderflow is up in %.1f s (time scale %s)%n%n",
        stack.startupTime().toMillis() / 1000.0, trim(options.timeScale())));
    stack.endpoints().forEach((service, endpoint) ->
        out.append(String.format(Locale.ROOT, "  %-15s %s%n", service, endpoint)));
    out.append(String.format(Locale.ROOT, "%n  AWS CLI          aws stepfunctions list-state-machines --endpoint-url %s%n",
        stack.stepFunctionsEndpoint()));
    out.append(String.format(Locale.ROOT, "  carrier          %s, secret %s%s%n", CarrierSimulator.CARRIER,
        options.carrierSecret(), options.carrierSimulator() ? " (simulated)" : " (not simulated: post events yourself)"));
    out.append(String.format(Locale.ROOT, "  data             %s%s%n",
        options.dataDir() == null ? "in memory" : options.dataDir().toAbsolutePath(),
        stack.resumedExecutions() == 0 ? "" : " (" + stack.resumedExecutions() + " running executions resumed)"));
    if (options.stepFailures().rate() > 0) {
      out.append(String.format(Locale.ROOT, "  chaos            %s of the workflows' Lambda invocations fail (%s)%n",
          trim(options.stepFailures().rate()), StepFailures.ERROR));
    }
    out.append(String.format(Locale.ROOT, "  sweeper          %s%n", options.sweeper().interval() == null ? "off"
        : "every " + options.sweeper().interval().toSeconds() + " s, orders unchanged for "
            + options.sweeper().settings().sweepAfter().toMinutes() + " min"));
    out.append(String.format(Locale.ROOT, "  logs             %s (./orderflow logs --follow)%n", logFile.toAbsolutePath()));
    out.append(String.format(Locale.ROOT, "  found by         ./orderflow timeline, invoke, logs, demo, flash-sale (%s)%n%n",
        RunningStack.stackFile().toAbsolutePath()));
    out.append("Customer token (customer-1):\n  ").append(customerToken).append("\n");
    out.append("Ops token (ops-1):\n  ").append(opsToken).append("\n\n");
    out.append("Place an order:\n");
    out.append("  curl -i -X POST ").append(api.resolve("/orders")).append(" \\\n");
    out.append("    -H 'Authorization: Bearer ").append(customerToken).append("' \\\n");
    out.append("    -H 'Content-Type: application/json' \\\n");
    out.append("    -H 'Idempotency-Key: ").append(UUID.randomUUID()).append("' \\\n");
    out.append("    -d '").append(Json.write(SampleOrders.happyPath())).append("'\n\n");
    out.append("Then follow it (status, timeline) and confirm receipt once it is DELIVERED:\n");
    out.append("  curl -s ").append(api.resolve("/orders/ORDER_ID/timeline"))
        .append(" -H 'Authorization: Bearer ").append(customerToken).append("'\n");
    out.append("  curl -i -X POST ").append(api.resolve("/orders/ORDER_ID/confirm-receipt"))
        .append(" -H 'Authorization: Bearer ").append(customerToken).append("'\n\n");
    out.append("Press Ctrl-C to stop.\n");
    return out.toString();
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}

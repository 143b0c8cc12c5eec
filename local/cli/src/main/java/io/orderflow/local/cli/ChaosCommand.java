package io.orderflow.local.cli;

import io.orderflow.local.gateway.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** `orderflow chaos`: kills and failures while orders are in flight, then proof that none was lost. */
@Command(name = "chaos", mixinStandardHelpOptions = true,
    description = "A crash-and-failure rehearsal: places orders of every kind on a stack in its own JVM, kills it "
        + "(SIGKILL) and restarts it on the same data while they are in flight, fails a share of the workflows' "
        + "steps, follows every order to its end and reports any lost, stranded or duplicated, and whether the "
        + "stock's books and the payments' ledger balance (exit code 1 if anything is wrong).")
final class ChaosCommand implements Callable<Integer> {

  @Option(names = "--orders", defaultValue = "60", description = "Orders to place. Default: ${DEFAULT-VALUE}.")
  int orders;

  @Option(names = "--kills", defaultValue = "3",
      description = "Times to kill the stack's JVM and start it again while orders are placed. Default: ${DEFAULT-VALUE}.")
  int kills;

  @Option(names = "--fail-rate", defaultValue = "0.1",
      description = "Share of the workflows' Lambda invocations that fail (Lambda.ServiceException), half before "
          + "the handler runs and half after. Default: ${DEFAULT-VALUE}.")
  double failRate;

  @Option(names = "--seed",
      description = "Seed of the kill moments and the injected failures. Default: a new one each run, printed "
          + "in the report so a failing run can be replayed.")
  Long seed;

  @Option(names = "--concurrency", defaultValue = "4", description = "Orders in flight at once. Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(names = "--time-scale", defaultValue = "60",
      description = "The stack's workflow time runs this many times faster. Default: ${DEFAULT-VALUE}.")
  double timeScale;

  @Option(names = "--settle-seconds", defaultValue = "180",
      description = "After the last restart, how long to wait for every order to end. Default: ${DEFAULT-VALUE}.")
  long settleSeconds;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where the stack keeps its data and logs (default: a new folder under .orderflow/chaos/).")
  Path dataDir;

  @Option(names = "--json", description = "Print the report as JSON instead of a table.")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    Chaos.Plan plan;
    try {
      // Each run its own seed unless told: five runs in a row then rehearse five different crashes.
      long chosenSeed = seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
      plan = new Chaos.Plan(orders, kills, failRate, chosenSeed, concurrency, timeScale, Duration.ofSeconds(settleSeconds));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    ChaosReport report;
    try {
      report = new Chaos(Tokens.fromEnvironment(), dataDir()).run(plan);
    } catch (IllegalStateException e) {
      // The stack would not start again, or the API refused the rehearsal's own setup: no report to give.
      System.err.println("The chaos rehearsal could not finish: " + e.getMessage());
      return 1;
    }
    System.out.print(json ? report.toJson() : report.render());
    return report.passed() ? 0 : 1;
  }

  private Path dataDir() {
    if (dataDir != null) {
      return dataDir;
    }
    try {
      Path parent = Files.createDirectories(OrderflowCli.home().resolve(".orderflow/chaos"));
      return Files.createTempDirectory(parent, "run-");
    } catch (IOException e) {
      throw new UncheckedIOException("no folder for the stack's data", e);
    }
  }
}

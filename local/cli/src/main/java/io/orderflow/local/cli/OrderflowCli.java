package io.orderflow.local.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code orderflow}: run the whole system locally, get tokens, invoke one function, watch a demo,
 * read an order's timeline and the functions' logs.
 */
@Command(
    name = "orderflow",
    mixinStandardHelpOptions = true,
    version = "orderflow local 0.1.0",
    description = "Runs orderflow on this machine: no Docker, no AWS account.",
    subcommands = {ServeCommand.class, TokenCommand.class, InvokeCommand.class, DemoCommand.class, TimelineCommand.class,
        FlashSaleCommand.class, ChaosCommand.class, LogsCommand.class})
public final class OrderflowCli implements Runnable {

  /** Set by the launcher to the repository root; logs and sample events are found from there. */
  static final String HOME_VARIABLE = "ORDERFLOW_HOME";

  public static void main(String[] args) {
    // Before any logger exists: log lines go to a file, the console stays for the user.
    System.setProperty("log4j2.configurationFile", "orderflow-cli-log4j2.xml");
    // Commands that start or join a stack choose their own file (LogFiles) before anything logs.
    LogFiles.use(LogFiles.stateDir().resolve("orderflow.log"));
    System.exit(new CommandLine(new OrderflowCli()).execute(args));
  }

  static Path home() {
    String home = System.getenv(HOME_VARIABLE);
    return Path.of(home == null || home.isBlank() ? "." : home);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}

package io.orderflow.local.cli;

import io.orderflow.local.gateway.Tokens;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** `orderflow flash-sale`: a sale-day rehearsal with a report, the project's end-to-end benchmark. */
@Command(name = "flash-sale", mixinStandardHelpOptions = true,
    description = "Rehearses a sale: shoppers order one unit each of a new product with little stock, at once, "
        + "some clicking twice. Reports the API's latency and throughput, how every order ended, and whether "
        + "any unit was sold twice (exit code 1 if so). Uses the running stack, or starts one.")
final class FlashSaleCommand implements Callable<Integer> {

  /** A self-started stack runs an hour of workflow time per minute, as the demo's does. */
  private static final double SELF_STARTED_TIME_SCALE = 60;

  @Mixin
  RunningStack stack;

  @Option(names = "--orders", defaultValue = "300", description = "Orders to place (one unit each). Default: ${DEFAULT-VALUE}.")
  int orders;

  @Option(names = "--stock", defaultValue = "100", description = "Units on sale. Default: ${DEFAULT-VALUE}.")
  int stock;

  @Option(names = "--concurrency", defaultValue = "16", description = "Orders in flight at once. Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(names = "--double-click-every", defaultValue = "10",
      description = "Every Nth shopper clicks twice with the same Idempotency-Key; 0 for none. Default: ${DEFAULT-VALUE}.")
  int doubleClickEvery;

  @Option(names = "--timeout", defaultValue = "180", description = "Seconds to wait for every order's outcome. Default: ${DEFAULT-VALUE}.")
  long timeoutSeconds;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    FlashSale.Plan plan;
    try {
      plan = new FlashSale.Plan(orders, stock, concurrency, doubleClickEvery, Duration.ofSeconds(timeoutSeconds));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return ApiOrOwnStack.run(stack, SELF_STARTED_TIME_SCALE, "flash sale", endpoint -> {
      FlashSale.Report report = new FlashSale(endpoint, Tokens.fromEnvironment()).run(plan);
      System.out.print(report.render());
      return report.passed() ? 0 : 1;
    });
  }
}

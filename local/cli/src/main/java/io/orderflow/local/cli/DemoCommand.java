package io.orderflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.gateway.Tokens;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Places one order per scenario over HTTP, follows them to their end (for the after-sales ones, to
 * the end of their return) and prints their timelines.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Places sample orders (happy path, out of stock, declined card, address exception, cancel, "
        + "return for a refund, exchange) and prints each order's timeline. Uses the running stack, or starts one.")
final class DemoCommand implements Callable<Integer> {

  /** A self-started stack runs an hour of workflow time per minute, so the carrier is quick. */
  private static final double SELF_STARTED_TIME_SCALE = 60;
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  @Mixin
  RunningStack stack;

  @Option(names = "--timeout", defaultValue = "180", description = "Seconds to wait for every order to end.")
  long timeoutSeconds;

  @Override
  public Integer call() throws InterruptedException {
    return ApiOrOwnStack.run(stack, SELF_STARTED_TIME_SCALE, "demo", this::run);
  }

  private int run(URI endpoint) throws InterruptedException {
    Tokens tokens = Tokens.fromEnvironment();
    ApiClient shop = new ApiClient(endpoint, tokens.issue("demo-shopper", false));
    ApiClient ops = new ApiClient(endpoint, tokens.issue("demo-ops", true));
    List<Placed> placed = new ArrayList<>();
    for (DemoScenario scenario : DemoScenario.ALL) {
      JsonNode accepted = ApiClient.json(shop.placeOrder(UUID.randomUUID().toString(), scenario.order()), 202);
      placed.add(new Placed(scenario, accepted.path("orderId").asText()));
    }
    follow(shop, ops, placed);
    for (Placed order : placed) {
      JsonNode current = shop.order(order.orderId());
      System.out.printf("%n%s — order %s: %s%s%n", order.scenario().name(), order.orderId(),
          current.path("status").asText(),
          current.path("statusReason").isTextual() ? " (" + current.path("statusReason").asText() + ")" : "");
      System.out.print(TimelineTable.render(shop.timeline(order.orderId())));
      order.journey().ifPresent(journey -> System.out.printf("  %s; payment %s, refunded %s%n", journey.summary(),
          current.path("payment").path("status").asText(),
          ReturnJourney.money(current.path("payment").path("refunded"))));
    }
    boolean allEnded = placed.stream().allMatch(Placed::ended);
    if (!allEnded) {
      System.out.println("\nSome orders had not ended after " + timeoutSeconds + " s (is the carrier simulated?).");
    }
    return allEnded ? 0 : 1;
  }

  /**
   * Polls every order, doing each scenario's shopper actions and carrying its return along, until
   * all end or time runs out.
   */
  private void follow(ApiClient shop, ApiClient ops, List<Placed> placed) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
    Set<Placed> ended = new HashSet<>();
    try (ProgressBar bar = ProgressBars.start("Orders", placed.size())) {
      while (ended.size() < placed.size() && Instant.now().isBefore(deadline)) {
        for (Placed order : placed) {
          if (ended.contains(order)) {
            continue;
          }
          order.status = shop.order(order.orderId()).path("status").asText();
          if (order.acted.add(order.status)) {
            order.scenario().actionAt(order.status)
                .ifPresent(action -> shop.post("/orders/" + order.orderId() + "/" + action, null));
          }
          order.journey().ifPresent(journey -> journey.advance(shop, ops, order.status));
          if (order.ended()) {
            ended.add(order);
            bar.step();
          }
        }
        bar.setExtraMessage(placed.stream().map(Placed::shownStatus).collect(Collectors.joining(" ")));
        Thread.sleep(POLL_INTERVAL.toMillis());
      }
    }
  }

  /** A scenario's order, its return if the scenario has one, and what the demo last saw of them. */
  private static final class Placed {
    private final DemoScenario scenario;
    private final String orderId;
    private final ReturnJourney journey;
    private final Set<String> acted = new HashSet<>();
    private String status = "PENDING";

    Placed(DemoScenario scenario, String orderId) {
      this.scenario = scenario;
      this.orderId = orderId;
      this.journey = scenario.returnRequested().map(plan -> new ReturnJourney(orderId, plan)).orElse(null);
    }

    /** A requested return ends the story when it settles; otherwise the order's final status does. */
    boolean ended() {
      return journey != null && journey.begun() ? journey.settled() : DemoScenario.isFinal(status);
    }

    String shownStatus() {
      return journey != null && journey.begun() ? "RETURN_" + journey.status() : status;
    }

    Optional<ReturnJourney> journey() {
      return Optional.ofNullable(journey);
    }

    DemoScenario scenario() {
      return scenario;
    }

    String orderId() {
      return orderId;
    }
  }
}

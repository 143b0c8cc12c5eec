package io.orderflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.gateway.Tokens;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.tongfei.progressbar.ProgressBar;

/**
 * A sale-day rehearsal over HTTP: many shoppers order one unit each of a scarce new product at
 * once, some clicking twice, and the report says how fast the API answered, how every order
 * ended, and whether a single unit was sold twice.
 */
final class FlashSale {

  /** The order got its unit: every status the workflow reaches after a successful reservation. */
  static final Set<String> GOT_STOCK = Set.of(
      "RESERVED", "PAID", "ON_HOLD", "DISPATCHED", "IN_TRANSIT", "DELIVERED", "COMPLETED", "DELIVERY_EXCEPTION");
  /** Not decided yet: before the reservation. */
  private static final Set<String> UNDECIDED = Set.of("PENDING", "VALIDATED");
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
  private static final Duration CONFLICT_RETRY = Duration.ofMillis(100);
  private static final int MAX_SHOPPERS = 50;

  record Plan(int orders, int stock, int concurrency, int doubleClickEvery, Duration timeout) {
    Plan {
      if (orders < 1 || stock < 0 || concurrency < 1 || doubleClickEvery < 0) {
        throw new IllegalArgumentException("orders and concurrency must be positive, stock and double clicks not negative");
      }
    }
  }

  /** What the rehearsal measured and found. */
  record Report(
      Plan plan,
      String sku,
      Duration placing,
      List<Long> latenciesMillis,
      int doubleClicks,
      int distinctOrders,
      Duration decidedAfter,
      Map<String, Integer> outcomes,
      int available,
      int reserved) {

    /** Latencies are kept sorted, for the percentiles. */
    Report {
      latenciesMillis = latenciesMillis.stream().sorted().toList();
    }

    /** Orders that got their unit. */
    int gotStock() {
      return count(GOT_STOCK);
    }

    /** Orders still before their reservation when the rehearsal stopped waiting. */
    int undecided() {
      return count(UNDECIDED);
    }

    /** How many orders ended in one of {@code statuses} ("CANCELLED OUT_OF_STOCK" counts as CANCELLED). */
    private int count(Set<String> statuses) {
      return outcomes.entrySet().stream()
          .filter(outcome -> statuses.contains(outcome.getKey().split(" ", 2)[0]))
          .mapToInt(Map.Entry::getValue)
          .sum();
    }

    /** Units that left the shelf: reserved, or reserved and shipped since. */
    int taken() {
      return plan.stock() - available;
    }

    boolean duplicates() {
      return distinctOrders != plan.orders();
    }

    /** More units promised than there were. */
    boolean oversold() {
      return available < 0 || gotStock() > plan.stock();
    }

    /** The units that left the shelf are exactly the units the orders got. */
    boolean booksBalance() {
      return taken() == gotStock();
    }

    boolean passed() {
      return undecided() == 0 && !duplicates() && !oversold() && booksBalance();
    }

    String render() {
      StringBuilder out = new StringBuilder();
      out.append(String.format(Locale.ROOT, "%nFlash sale of %s: %d orders for %d units, %d at a time%n%n",
          sku, plan.orders(), plan.stock(), plan.concurrency()));
      double seconds = Math.max(placing.toMillis(), 1) / 1000.0;
      out.append(row("placed", String.format(Locale.ROOT, "%d orders in %.1f s (%.0f orders/s)",
          plan.orders(), seconds, plan.orders() / seconds)));
      out.append(row("POST /orders", String.format(Locale.ROOT, "p50 %d ms, p95 %d ms, p99 %d ms, max %d ms",
          percentile(50), percentile(95), percentile(99), percentile(100))));
      out.append(row("double clicks", String.format(Locale.ROOT, "%d, %s", doubleClicks,
          duplicates() ? distinctOrders + " orders for " + plan.orders() + " shoppers"
              : "each answered with its first order")));
      out.append(row("decided", undecided() == 0
          ? String.format(Locale.ROOT, "all in %.1f s from the first order", decidedAfter.toMillis() / 1000.0)
          : undecided() + " still undecided after " + plan.timeout().toSeconds() + " s"));
      out.append(row("got a unit", String.valueOf(gotStock())));
      outcomes.forEach((outcome, count) -> {
        if (!GOT_STOCK.contains(outcome)) {
          out.append(row("", count + " " + outcome));
        }
      });
      out.append(row("stock after", String.format(Locale.ROOT, "available %d, reserved %d, shipped %d of %d",
          available, reserved, taken() - reserved, plan.stock())));
      out.append(row("oversold", oversold()
          ? String.format(Locale.ROOT, "YES: %d orders got a unit of %d", gotStock(), plan.stock())
          : "none"));
      out.append(row("stock books", booksBalance()
          ? "balance: every unit that left the shelf went to an order"
          : String.format(Locale.ROOT, "DO NOT BALANCE: %d units left the shelf for %d orders", taken(), gotStock())));
      return out.toString();
    }

    private static String row(String label, String value) {
      return String.format(Locale.ROOT, "  %-14s %s%n", label, value);
    }

    /** Nearest-rank percentile of the POST latencies; 100 is the maximum. */
    long percentile(int p) {
      int rank = (int) Math.ceil(p / 100.0 * latenciesMillis.size());
      return latenciesMillis.get(Math.max(0, Math.min(latenciesMillis.size() - 1, rank - 1)));
    }
  }

  private final URI api;
  private final Tokens tokens;

  FlashSale(URI api, Tokens tokens) {
    this.api = api;
    this.tokens = tokens;
  }

  Report run(Plan plan) throws InterruptedException {
    ApiClient ops = new ApiClient(api, tokens.issue("flash-sale-ops", true));
    String sku = "FLASH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    ApiClient.json(ops.put("/ops/catalog/" + sku, Map.of(
        "name", "Flash sale item " + sku, "unitPrice", Map.of("amount", "19.99", "currency", "USD"), "active", true)), 200);
    ApiClient.json(ops.put("/ops/inventory/" + sku, Map.of("available", plan.stock())), 200);

    List<ApiClient> shoppers = new ArrayList<>();
    for (int i = 0; i < Math.min(plan.orders(), MAX_SHOPPERS); i++) {
      shoppers.add(new ApiClient(api, tokens.issue("flash-shopper-" + i, false)));
    }
    Map<String, ApiClient> ownerOf = new ConcurrentHashMap<>();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    Instant start = Instant.now();
    int doubleClicks = 0;
    ExecutorService pool = Executors.newFixedThreadPool(plan.concurrency());
    try (ProgressBar bar = ProgressBars.start("Ordering", plan.orders())) {
      List<Future<?>> clicks = new ArrayList<>();
      for (int i = 0; i < plan.orders(); i++) {
        ApiClient shopper = shoppers.get(i % shoppers.size());
        String key = UUID.randomUUID().toString();
        // Every click's order is followed: a second click that made a second order shows as a duplicate.
        Runnable click = () -> ownerOf.put(place(shopper, key, sku, latencies), shopper);
        clicks.add(pool.submit(() -> {
          click.run();
          bar.step();
        }));
        if (plan.doubleClickEvery() > 0 && i % plan.doubleClickEvery() == 0) {
          doubleClicks++;
          clicks.add(pool.submit(click));
        }
      }
      awaitAll(clicks);
    } finally {
      pool.shutdown();
    }
    Duration placing = Duration.between(start, Instant.now());

    Map<String, String> outcomeOf = follow(ownerOf, plan.timeout(), start);
    Duration decidedAfter = Duration.between(start, Instant.now());
    Map<String, Integer> outcomes = new TreeMap<>();
    outcomeOf.values().forEach(outcome -> outcomes.merge(outcome, 1, Integer::sum));
    JsonNode stock = ApiClient.json(ops.get("/ops/inventory/" + sku), 200);
    return new Report(plan, sku, placing, latencies, doubleClicks, ownerOf.size(), decidedAfter,
        outcomes, stock.path("available").asInt(), stock.path("reserved").asInt());
  }

  /** One click on "buy": POST /orders, retried while the first click with that key still runs (409). */
  private static String place(ApiClient shopper, String key, String sku, List<Long> latencies) {
    while (true) {
      long began = System.nanoTime();
      HttpResponse<String> response = shopper.placeOrder(key, SampleOrders.order(sku, 1, "tok_visa",
          SampleOrders.DELIVERABLE_POSTAL_CODE));
      latencies.add((System.nanoTime() - began) / 1_000_000);
      if (response.statusCode() != 409) {
        return ApiClient.json(response, 202).path("orderId").asText();
      }
      sleep(CONFLICT_RETRY);
    }
  }

  /** Polls the undecided orders until each has its outcome ("DISPATCHED", "CANCELLED OUT_OF_STOCK", …) or time runs out. */
  private static Map<String, String> follow(Map<String, ApiClient> ownerOf, Duration timeout, Instant start)
      throws InterruptedException {
    Map<String, String> outcomeOf = new LinkedHashMap<>();
    ownerOf.keySet().forEach(orderId -> outcomeOf.put(orderId, "PENDING"));
    Set<String> open = new HashSet<>(ownerOf.keySet());
    Instant deadline = start.plus(timeout);
    try (ProgressBar bar = ProgressBars.start("Deciding", ownerOf.size())) {
      while (!open.isEmpty() && Instant.now().isBefore(deadline)) {
        for (String orderId : List.copyOf(open)) {
          JsonNode order = ownerOf.get(orderId).order(orderId);
          String status = order.path("status").asText();
          String outcome = order.path("statusReason").isTextual() && !GOT_STOCK.contains(status)
              ? status + " " + order.path("statusReason").asText()
              : status;
          outcomeOf.put(orderId, outcome);
          if (!UNDECIDED.contains(status)) {
            open.remove(orderId);
            bar.step();
          }
        }
        if (!open.isEmpty()) {
          Thread.sleep(POLL_INTERVAL.toMillis());
        }
      }
    }
    return outcomeOf;
  }

  private static void awaitAll(List<Future<?>> futures) throws InterruptedException {
    for (Future<?> future : futures) {
      try {
        future.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("an order could not be placed: " + e.getCause().getMessage(), e.getCause());
      }
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}

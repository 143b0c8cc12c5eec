package io.orderflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.LocalClients;
import io.orderflow.local.LocalStack;
import io.orderflow.local.carrier.CarrierSimulator;
import io.orderflow.local.cli.ChaosReport.OrderFacts;
import io.orderflow.local.cli.ChaosReport.Stock;
import io.orderflow.local.gateway.Tokens;
import io.orderflow.local.sfn.StepFunctionsEngine;
import io.orderflow.platform.Json;
import io.orderflow.platform.Workflow;
import io.orderflow.track.CarrierEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBar;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;

/**
 * A crash-and-failure rehearsal: orders of every kind a shop sends, placed on a stack in a child
 * JVM that is killed (SIGKILL) and started again on the same data while they are in flight, with
 * a share of the workflows' steps failing; then every order is followed to its end, and the
 * report says whether any was lost, stranded or duplicated, and whether the stock's books and the
 * money's ledger balance.
 */
final class Chaos {

  /** What a shopper does, and the card that makes it happen. */
  enum Shopper {
    CARD("tok_visa"),
    DOUBLE_CLICK("tok_visa"),
    DECLINED("tok_chargeDeclined"),
    PROCESSING_ERROR("tok_processingError"),
    RISK_HOLD("tok_riskReview"),
    CANCEL("tok_visa");

    final String paymentToken;

    Shopper(String paymentToken) {
      this.paymentToken = paymentToken;
    }
  }

  /** The traffic, repeated: mostly good cards, every way an order can go otherwise among them. */
  static final List<Shopper> MIX = List.of(Shopper.CARD, Shopper.DOUBLE_CLICK, Shopper.DECLINED, Shopper.RISK_HOLD,
      Shopper.CANCEL, Shopper.PROCESSING_ERROR, Shopper.CARD, Shopper.CARD, Shopper.DOUBLE_CLICK, Shopper.CARD);
  private static final int SKUS = 3;
  private static final int CUSTOMERS = 8;
  private static final Duration RETRY_PAUSE = Duration.ofMillis(200);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
  /** How long a shopper keeps retrying a click the API does not answer (the stack may be restarting). */
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  /** A parcel in transit this long has lost its carrier in a kill: its scans come in well under a second. */
  private static final Duration CARRIER_PATIENCE = Duration.ofSeconds(15);

  record Plan(int orders, int kills, double failRate, long seed, int concurrency, double timeScale, Duration settle) {
    Plan {
      if (orders < 1 || kills < 0 || kills > orders || concurrency < 1 || !(timeScale > 0) || settle.isNegative()) {
        throw new IllegalArgumentException("orders, concurrency and the time scale must be positive, kills between 0 "
            + "and the orders, settle time not negative");
      }
      if (!(failRate >= 0 && failRate <= 1)) {
        throw new IllegalArgumentException("the failure rate must be between 0 and 1, was " + failRate);
      }
    }

    /** Units of each SKU on sale: fewer than the orders ask for, so some end OUT_OF_STOCK. */
    int stockPerSku() {
      return Math.max(2, orders / SKUS);
    }
  }

  /** One shopper's order as placed: who, what, with which key. */
  private record Click(int index, Shopper shopper, ApiClient customer, String key, String sku, int quantity) {}

  private final Tokens tokens;
  private final Path dataDir;

  Chaos(Tokens tokens, Path dataDir) {
    this.tokens = tokens;
    this.dataDir = dataDir;
  }

  ChaosReport run(Plan plan) throws InterruptedException {
    Instant began = Instant.now();
    List<String> serveOptions = List.of(
        "--time-scale", String.valueOf(plan.timeScale()),
        "--fail-rate", String.valueOf(plan.failRate()),
        "--fail-seed", String.valueOf(plan.seed()));
    System.err.println("Starting the stack in its own JVM (data in " + dataDir.toAbsolutePath() + ")…");
    try (ChildStack stack = ChildStack.start(dataDir, serveOptions, START_TIMEOUT)) {
      return new Run(plan, stack).execute(began);
    }
  }

  /** One rehearsal on one child stack. */
  private final class Run {
    private final Plan plan;
    private final ChildStack stack;
    private final ApiClient ops;
    private final Random random;
    private final String runId = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
    private final Map<String, Set<String>> ordersByKey = new ConcurrentHashMap<>();
    private final Map<String, Shopper> shopperOf = new ConcurrentHashMap<>();
    private final Map<String, ApiClient> customerOf = new ConcurrentHashMap<>();
    private final List<String> notAccepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final AtomicInteger clicksDone = new AtomicInteger();
    private final HttpClient carrierHttp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String carrierSecret = LocalStack.Options.defaults().carrierSecret();

    Run(Plan plan, ChildStack stack) {
      this.plan = plan;
      this.stack = stack;
      this.ops = new ApiClient(stack.api(), tokens.issue("chaos-ops", true));
      this.random = new Random(plan.seed());
    }

    ChaosReport execute(Instant began) throws InterruptedException {
      List<String> skus = stockShelves();
      List<ApiClient> customers = new ArrayList<>();
      for (int i = 0; i < CUSTOMERS; i++) {
        customers.add(new ApiClient(stack.api(), tokens.issue("chaos-" + runId + "-shopper-" + i, false)));
      }
      List<Click> clicks = new ArrayList<>();
      for (int i = 0; i < plan.orders(); i++) {
        clicks.add(new Click(i, MIX.get(i % MIX.size()), customers.get(i % CUSTOMERS), UUID.randomUUID().toString(),
            skus.get(i % SKUS), 1 + (i / SKUS) % 2));
      }
      place(clicks);
      settle();
      return inspect(skus, customers, clicks, Duration.between(began, Instant.now()));
    }

    private List<String> stockShelves() {
      List<String> skus = new ArrayList<>();
      for (int i = 0; i < SKUS; i++) {
        String sku = "CHAOS-" + runId + "-" + (char) ('A' + i);
        ApiClient.json(ops.put("/ops/catalog/" + sku, Map.of(
            "name", "Chaos item " + sku, "unitPrice", Map.of("amount", "12.50", "currency", "USD"), "active", true)), 200);
        ApiClient.json(ops.put("/ops/inventory/" + sku, Map.of("available", plan.stockPerSku())), 200);
        skus.add(sku);
      }
      return skus;
    }

    /** Every shopper clicks; meanwhile the stack is killed and restarted at random moments. */
    private void place(List<Click> clicks) throws InterruptedException {
      ExecutorService shoppers = Executors.newFixedThreadPool(plan.concurrency());
      ExecutorService secondClicks = Executors.newCachedThreadPool();
      ExecutorService killer = Executors.newSingleThreadExecutor();
      try (ProgressBar bar = ProgressBars.start("Ordering", clicks.size())) {
        Future<?> kills = killer.submit(() -> {
          killAtRandomMoments();
          return null;
        });
        List<Future<?>> placed = new ArrayList<>();
        for (Click click : clicks) {
          placed.add(shoppers.submit(() -> {
            Future<?> second = click.shopper() == Shopper.DOUBLE_CLICK
                ? secondClicks.submit(() -> placeOne(click))
                : null;
            placeOne(click);
            await(second);
            clicksDone.incrementAndGet();
            bar.step();
            return null;
          }));
        }
        placed.forEach(Chaos::await);
        await(kills);
      } finally {
        shoppers.shutdownNow();
        secondClicks.shutdownNow();
        killer.shutdownNow();
      }
    }

    /** Kills spread over the ordering, each at a random point of its share of the clicks. */
    private void killAtRandomMoments() throws InterruptedException {
      for (int k = 0; k < plan.kills(); k++) {
        // Never before the first order: a kill is only worth something with orders in flight.
        int at = Math.max(1, (int) (plan.orders() * (k + random.nextDouble()) / plan.kills()));
        while (clicksDone.get() < at && clicksDone.get() < plan.orders()) {
          Thread.sleep(10);
        }
        stack.killAndRestart();
      }
    }

    private void placeOne(Click click) {
      HttpResponse<String> answer = answered(() -> click.customer().placeOrder(click.key(),
          SampleOrders.order(click.sku(), click.quantity(), click.shopper().paymentToken,
              SampleOrders.DELIVERABLE_POSTAL_CODE)));
      if (answer == null || answer.statusCode() != 202) {
        notAccepted.add("order " + click.index() + " (" + click.shopper() + "): "
            + (answer == null ? "no answer in " + PATIENCE.toSeconds() + " s" : answer.statusCode() + " " + answer.body()));
        return;
      }
      String orderId = ApiClient.json(answer, 202).path("orderId").asText();
      ordersByKey.computeIfAbsent(click.key(), key -> ConcurrentHashMap.newKeySet()).add(orderId);
      shopperOf.put(orderId, click.shopper());
      customerOf.put(orderId, click.customer());
      if (click.shopper() == Shopper.CANCEL) {
        // Right after placing: the cancel races the workflow, which is the point. 202 or 409 are both answers.
        answered(() -> click.customer().post("/orders/" + orderId + "/cancel", null));
      }
    }

    /**
     * The call's answer, retried as a shop's client retries while the API is down or busy (no
     * connection, 409 while the first click runs, 429, 5xx); null if it never answered in time.
     */
    private HttpResponse<String> answered(Supplier<HttpResponse<String>> call) {
      Instant deadline = Instant.now().plus(PATIENCE);
      HttpResponse<String> last = null;
      while (Instant.now().isBefore(deadline)) {
        try {
          last = call.get();
          int status = last.statusCode();
          if (status >= 500) {
            serverErrors.incrementAndGet();
          } else if (status != 409 && status != 429) {
            return last;
          }
        } catch (UncheckedIOException stackDown) {
          last = null;
        }
        sleep(RETRY_PAUSE);
      }
      return last;
    }

    /**
     * Follows every accepted order to its end as the shop, ops and the carrier would: releases risk
     * holds, confirms receipt of delivered parcels, and resends the scans of a parcel stuck in
     * transit (see {@link #resendScans}); stops when all are final or the settle time is up.
     */
    private void settle() throws InterruptedException {
      Set<String> open = new LinkedHashSet<>(shopperOf.keySet());
      Map<String, Instant> inTransitSince = new HashMap<>();
      Set<String> resent = new HashSet<>();
      Instant deadline = Instant.now().plus(plan.settle());
      try (ProgressBar bar = ProgressBars.start("Settling", open.size())) {
        while (!open.isEmpty() && Instant.now().isBefore(deadline)) {
          for (String orderId : List.copyOf(open)) {
            JsonNode order = orderOrNull(orderId);
            String status = order == null ? "UNKNOWN" : order.path("status").asText();
            if (ChaosReport.FINAL.contains(status)) {
              open.remove(orderId);
              bar.step();
            } else if ("ON_HOLD".equals(status)) {
              quietly(() -> ops.post("/ops/orders/" + orderId + "/release-hold", null));
            } else if ("DELIVERED".equals(status)) {
              quietly(() -> customerOf.get(orderId).post("/orders/" + orderId + "/confirm-receipt", null));
            } else if ("IN_TRANSIT".equals(status)
                && Instant.now().isAfter(inTransitSince.computeIfAbsent(orderId, id -> Instant.now()).plus(CARRIER_PATIENCE))
                && !resent.contains(orderId) && resendScans(order)) {
              resent.add(orderId);
            }
          }
          if (!open.isEmpty()) {
            Thread.sleep(POLL_INTERVAL.toMillis());
          }
        }
      }
      if (!resent.isEmpty()) {
        System.err.println("Resent the carrier's scans of " + resent.size()
            + " parcels picked up before a kill (the simulated carrier died with the stack; a real one goes on).");
      }
    }

    /**
     * The carrier's remaining scans of a parcel, sent again: the simulated carrier runs in the
     * stack's JVM, so a kill after a pickup loses the scans it had still to send, which a real
     * carrier, outside the crash, would send (and retry). Same event ids, so the webhook applies
     * none twice. True once every scan was answered.
     */
    private boolean resendScans(JsonNode order) {
      String trackingNumber = order.path("shipment").path("trackingNumber").asText();
      JsonNode address = order.path("shippingAddress");
      String destination = address.path("city").asText() + ", " + address.path("region").asText();
      for (CarrierEvent scan : CarrierSimulator.scansAfterPickup(trackingNumber, destination)) {
        CarrierEvent event = new CarrierEvent(scan.eventId(), scan.trackingNumber(), scan.status(), Instant.now(),
            scan.location(), scan.exception());
        try {
          HttpResponse<String> answer = carrierHttp.send(
              CarrierSimulator.signedPost(stack.api(), carrierSecret, Json.write(event)), HttpResponse.BodyHandlers.ofString());
          if (answer.statusCode() >= 300) {
            return false;
          }
        } catch (IOException notNow) {
          return false;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }

    private JsonNode orderOrNull(String orderId) {
      HttpResponse<String> response = quietly(() -> customerOf.get(orderId).get("/orders/" + orderId));
      return response != null && response.statusCode() == 200 ? ApiClient.json(response, 200) : null;
    }

    /** Everything the checks need, read from the API and from Step Functions. */
    private ChaosReport inspect(List<String> skus, List<ApiClient> customers, List<Click> clicks, Duration ran) {
      List<OrderFacts> facts = new ArrayList<>();
      SdkHttpClient http = UrlConnectionHttpClient.create();
      try (http; SfnClient sfn = LocalClients.client(SfnClient.builder(), stack.stepFunctions(), http)) {
        String stateMachine = "arn:aws:states:" + LocalStack.REGION + ":" + LocalStack.ACCOUNT + ":stateMachine:"
            + Workflow.ORDER_FULFILLMENT.localName();
        for (String orderId : new ArrayList<>(shopperOf.keySet())) {
          facts.add(facts(orderId, executionStatus(sfn, StepFunctionsEngine.executionArn(stateMachine, orderId))));
        }
      }
      facts.sort((a, b) -> a.orderId().compareTo(b.orderId()));
      List<Stock> stock = new ArrayList<>();
      for (String sku : skus) {
        JsonNode level = ApiClient.json(ops.get("/ops/inventory/" + sku), 200);
        stock.add(new Stock(sku, plan.stockPerSku(), level.path("available").asInt(), level.path("reserved").asInt(),
            level.path("shipped").isNumber() ? level.path("shipped").asInt() : null));
      }
      int doubleClicks = (int) clicks.stream().filter(click -> click.shopper() == Shopper.DOUBLE_CLICK).count();
      Map<String, Set<String>> byKey = new LinkedHashMap<>();
      ordersByKey.forEach((key, ids) -> byKey.put(key, Set.copyOf(ids)));
      return new ChaosReport(plan, doubleClicks, List.copyOf(notAccepted), serverErrors.get(), stack.startTimes(),
          byKey, unanswered(customers), facts, stock, ran);
    }

    private OrderFacts facts(String orderId, String execution) {
      ApiClient customer = customerOf.get(orderId);
      HttpResponse<String> response = customer.get("/orders/" + orderId);
      if (response.statusCode() == 404) {
        return OrderFacts.unknown(orderId, shopperOf.get(orderId), execution);
      }
      JsonNode order = ApiClient.json(response, 200);
      List<JsonNode> timeline = customer.timeline(orderId);
      Map<String, Integer> seen = new HashMap<>();
      boolean pickedUp = false;
      for (JsonNode event : timeline) {
        seen.merge(event.path("type").asText() + " " + event.path("detail"), 1, Integer::sum);
        pickedUp |= "PICKED_UP".equals(event.path("type").asText());
      }
      List<String> repeated = seen.entrySet().stream().filter(entry -> entry.getValue() > 1)
          .map(entry -> entry.getKey().split(" ", 2)[0]).sorted().toList();
      Map<String, Integer> lines = new LinkedHashMap<>();
      order.path("lines").forEach(line -> lines.merge(line.path("sku").asText(), line.path("quantity").asInt(), Integer::sum));
      JsonNode payment = order.path("payment");
      return new OrderFacts(orderId, shopperOf.get(orderId), order.path("status").asText(),
          order.path("statusReason").isTextual() ? order.path("statusReason").asText() : null, execution,
          amount(order.path("total")), amount(payment.path("captured")), amount(payment.path("refunded")),
          payment.path("status").asText(null), lines, pickedUp, timeline.size(), repeated);
    }

    /** Orders of the rehearsal's customers that no click was answered with: made by a retry, a duplicate. */
    private List<String> unanswered(List<ApiClient> customers) {
      List<String> unanswered = new ArrayList<>();
      for (ApiClient customer : customers) {
        String cursor = null;
        do {
          JsonNode page = ApiClient.json(customer.get("/orders?limit=100" + (cursor == null ? "" : "&cursor=" + cursor)), 200);
          page.path("orders").forEach(order -> {
            if (!shopperOf.containsKey(order.path("orderId").asText())) {
              unanswered.add(order.path("orderId").asText());
            }
          });
          cursor = page.path("nextCursor").isTextual()
              ? URLEncoder.encode(page.path("nextCursor").asText(), StandardCharsets.UTF_8)
              : null;
        } while (cursor != null);
      }
      Collections.sort(unanswered);
      return unanswered;
    }
  }

  private static String executionStatus(SfnClient sfn, String executionArn) {
    try {
      return sfn.describeExecution(request -> request.executionArn(executionArn)).statusAsString();
    } catch (ExecutionDoesNotExistException e) {
      return "NONE";
    }
  }

  private static BigDecimal amount(JsonNode money) {
    return money.path("amount").isTextual() ? new BigDecimal(money.path("amount").asText()) : BigDecimal.ZERO;
  }

  private static HttpResponse<String> quietly(Supplier<HttpResponse<String>> call) {
    try {
      return call.get();
    } catch (UncheckedIOException notNow) {
      return null;
    }
  }

  private static void await(Future<?> future) {
    if (future == null) {
      return;
    }
    try {
      future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the rehearsal failed: " + e.getCause().getMessage(), e.getCause());
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

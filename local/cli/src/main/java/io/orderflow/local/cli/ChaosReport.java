package io.orderflow.local.cli;

import io.orderflow.platform.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a chaos rehearsal found: every order it was answered with, as it ended, and the stock and
 * money behind them. Each check lists what it caught, so the report says which order or SKU and why.
 */
record ChaosReport(
    Chaos.Plan plan,
    int doubleClicks,
    List<String> notAccepted,
    int serverErrors,
    List<Duration> startTimes,
    Map<String, Set<String>> ordersByKey,
    List<String> unansweredOrders,
    List<OrderFacts> orders,
    List<Stock> stock,
    Duration ran) {

  /** Where an order ends: nothing happens to it any more. */
  static final Set<String> FINAL = Set.of("COMPLETED", "CANCELLED", "REJECTED");
  /** The status of an order the workflow gave up on, parked for ops (or the sweeper). */
  static final String PARKED = "NEEDS_ATTENTION";
  /** Executions that ended without finishing their order's story. */
  private static final Set<String> DEAD_EXECUTIONS = Set.of("FAILED", "ABORTED", "TIMED_OUT");
  private static final int DETAIL_LINES = 10;

  /**
   * One accepted order as the API and Step Functions tell it at the end. {@code status} is null
   * for an order the API does not know; amounts are decimal, zero when the ledger has none.
   */
  record OrderFacts(
      String orderId,
      Chaos.Shopper shopper,
      String status,
      String reason,
      String execution,
      BigDecimal total,
      BigDecimal captured,
      BigDecimal refunded,
      String paymentStatus,
      Map<String, Integer> lines,
      boolean pickedUp,
      int timelineEvents,
      List<String> repeatedEvents) {

    static OrderFacts unknown(String orderId, Chaos.Shopper shopper, String execution) {
      return new OrderFacts(orderId, shopper, null, null, execution, BigDecimal.ZERO, BigDecimal.ZERO,
          BigDecimal.ZERO, null, Map.of(), false, 0, List.of());
    }

    boolean found() {
      return status != null && timelineEvents > 0;
    }

    boolean isFinal() {
      return FINAL.contains(status);
    }

    /** "CANCELLED OUT_OF_STOCK", "COMPLETED". */
    String outcome() {
      return reason == null ? status : status + " " + reason;
    }
  }

  /** One SKU's books: {@code shippedCounter} is the inventory's own count, if it keeps one (null if not). */
  record Stock(String sku, int initial, int available, int reserved, Integer shippedCounter) {}

  /** Answered 202, and then the API does not know the order, or it has no timeline. */
  List<String> lost() {
    return orders.stream().filter(order -> !order.found())
        .map(order -> order.orderId() + (order.status() == null ? ": not found" : ": no timeline"))
        .toList();
  }

  /** Orders nobody is working on: not final when the rehearsal stopped waiting, or their execution dead. */
  List<String> stranded() {
    List<String> stranded = new ArrayList<>();
    for (OrderFacts order : orders) {
      if (!order.found() || order.isFinal() || PARKED.equals(order.status())) {
        continue;
      }
      stranded.add(order.orderId() + ": " + order.status() + (DEAD_EXECUTIONS.contains(order.execution())
          ? ", its execution " + order.execution()
          : " after " + plan.settle().toSeconds() + " s, execution " + order.execution()));
    }
    for (Stock sku : stock) {
      int heldByOpenOrders = orders.stream()
          .filter(order -> order.found() && !order.isFinal() && !order.pickedUp())
          .mapToInt(order -> order.lines().getOrDefault(sku.sku(), 0))
          .sum();
      if (sku.reserved() > heldByOpenOrders) {
        stranded.add(sku.sku() + ": " + (sku.reserved() - heldByOpenOrders) + " units reserved for orders that ended");
      }
    }
    return stranded;
  }

  /** Orders the workflow parked for ops: not lost, but not finished by themselves either. */
  List<String> parked() {
    return orders.stream().filter(order -> PARKED.equals(order.status()))
        .map(order -> order.orderId() + ": " + order.outcome())
        .toList();
  }

  /** A second order for one click, or a timeline event applied twice. */
  List<String> duplicated() {
    List<String> duplicated = new ArrayList<>();
    ordersByKey.forEach((key, ids) -> {
      if (ids.size() > 1) {
        duplicated.add("Idempotency-Key " + key + ": " + ids.size() + " orders " + String.join(", ", ids));
      }
    });
    unansweredOrders.forEach(id -> duplicated.add(id + ": an order no click was answered with"));
    for (OrderFacts order : orders) {
      order.repeatedEvents().forEach(event -> duplicated.add(order.orderId() + ": " + event + " on the timeline twice"));
    }
    return duplicated;
  }

  /** Units shipped from {@code sku} by the orders: those the carrier picked up. */
  int shippedByOrders(String sku) {
    return orders.stream().filter(OrderFacts::pickedUp).mapToInt(order -> order.lines().getOrDefault(sku, 0)).sum();
  }

  /** Per SKU: available + reserved + shipped = initial, and the inventory's shipped count agrees with the orders. */
  List<String> books() {
    List<String> problems = new ArrayList<>();
    for (Stock sku : stock) {
      int shipped = sku.shippedCounter() != null ? sku.shippedCounter() : shippedByOrders(sku.sku());
      if (sku.available() + sku.reserved() + shipped != sku.initial()) {
        problems.add(String.format(Locale.ROOT, "%s: %d available + %d reserved + %d shipped = %d, not %d",
            sku.sku(), sku.available(), sku.reserved(), shipped, sku.available() + sku.reserved() + shipped,
            sku.initial()));
      }
      if (sku.shippedCounter() != null && sku.shippedCounter() != shippedByOrders(sku.sku())) {
        problems.add(String.format(Locale.ROOT, "%s: the inventory counts %d shipped, the orders picked up %d",
            sku.sku(), sku.shippedCounter(), shippedByOrders(sku.sku())));
      }
    }
    return problems;
  }

  /**
   * Per final order: captured − refunded is what it finally paid (its total if COMPLETED, nothing
   * otherwise), and no authorization is left open.
   */
  List<String> ledger() {
    List<String> problems = new ArrayList<>();
    for (OrderFacts order : orders) {
      if (!order.found() || !order.isFinal()) {
        continue;
      }
      BigDecimal kept = order.captured().subtract(order.refunded());
      BigDecimal owed = paid(order);
      if (kept.compareTo(owed) != 0) {
        problems.add(String.format(Locale.ROOT, "%s (%s): captured %s − refunded %s = %s, should be %s",
            order.orderId(), order.outcome(), order.captured().toPlainString(), order.refunded().toPlainString(),
            kept.toPlainString(), owed.toPlainString()));
      }
      if ("AUTHORIZED".equals(order.paymentStatus())) {
        problems.add(order.orderId() + " (" + order.outcome() + "): its authorization is still open");
      }
    }
    return problems;
  }

  /** What a final order should have paid in the end: its total once completed, nothing otherwise. */
  private static BigDecimal paid(OrderFacts order) {
    return "COMPLETED".equals(order.status()) ? order.total() : BigDecimal.ZERO;
  }

  /** Captured from the orders that ended (an order still on its way has its money still moving). */
  BigDecimal totalCaptured() {
    return endedOrders().stream().map(OrderFacts::captured).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  BigDecimal totalRefunded() {
    return endedOrders().stream().map(OrderFacts::refunded).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  BigDecimal paidByCompletedOrders() {
    return endedOrders().stream().map(ChaosReport::paid).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private List<OrderFacts> endedOrders() {
    return orders.stream().filter(order -> order.found() && order.isFinal()).toList();
  }

  /** How many orders ended in each outcome, "CANCELLED OUT_OF_STOCK" apart from "CANCELLED CUSTOMER_CANCELLED". */
  Map<String, Integer> outcomes() {
    Map<String, Integer> outcomes = new TreeMap<>();
    orders.stream().filter(OrderFacts::found).forEach(order -> outcomes.merge(order.outcome(), 1, Integer::sum));
    return outcomes;
  }

  /** Why the run failed, one line per check that caught something; empty if it passed. */
  List<String> failures() {
    List<String> failures = new ArrayList<>();
    if (orders.isEmpty()) {
      failures.add("no order was accepted");
    }
    add(failures, notAccepted, "never accepted");
    add(failures, lost(), "lost");
    add(failures, stranded(), "stranded");
    add(failures, parked(), "parked for ops");
    add(failures, duplicated(), "duplicated");
    add(failures, books(), "stock books do not balance");
    add(failures, ledger(), "ledger does not balance");
    return failures;
  }

  boolean passed() {
    return failures().isEmpty();
  }

  private static void add(List<String> failures, List<String> caught, String what) {
    if (!caught.isEmpty()) {
      failures.add(caught.size() + " " + what);
    }
  }

  String render() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%nChaos rehearsal: %d orders, %d kills, step failure rate %s (seed %d)%n%n",
        plan.orders(), plan.kills(), plan.failRate(), plan.seed()));
    out.append(row("accepted", String.format(Locale.ROOT, "%d of %d orders (%d double clicks, %d answers 5xx)",
        orders.size(), plan.orders(), doubleClicks, serverErrors)));
    out.append(row("kills", String.format(Locale.ROOT, "%d, the stack back in %s", startTimes.size() - 1, restarts())));
    out.append(row("ran", String.format(Locale.ROOT, "%.1f s", ran.toMillis() / 1000.0)));
    Map<String, Integer> outcomes = outcomes();
    boolean first = true;
    for (Map.Entry<String, Integer> outcome : outcomes.entrySet()) {
      out.append(row(first ? "outcomes" : "", outcome.getValue() + " " + outcome.getKey()));
      first = false;
    }
    out.append(check("never accepted", notAccepted));
    out.append(check("lost", lost()));
    out.append(check("stranded", stranded()));
    out.append(check("parked for ops", parked()));
    out.append(check("duplicated", duplicated()));
    for (Stock sku : stock) {
      int shipped = sku.shippedCounter() != null ? sku.shippedCounter() : shippedByOrders(sku.sku());
      out.append(row(sku == stock.get(0) ? "stock" : "", String.format(Locale.ROOT,
          "%s: %d available + %d reserved + %d shipped of %d", sku.sku(), sku.available(), sku.reserved(), shipped,
          sku.initial())));
    }
    List<String> books = books();
    out.append(books.isEmpty() ? row("stock books", "balance") : check("stock books", books));
    List<String> ledger = ledger();
    out.append(ledger.isEmpty()
        ? row("ledger", String.format(Locale.ROOT, "balances: captured %s − refunded %s = %s, what completed orders paid (orders that ended)",
            totalCaptured().toPlainString(), totalRefunded().toPlainString(), paidByCompletedOrders().toPlainString()))
        : check("ledger", ledger));
    List<String> failures = failures();
    out.append(String.format(Locale.ROOT, "%n  %-16s %s%n", "result",
        failures.isEmpty() ? "PASSED" : "FAILED: " + String.join(", ", failures)));
    return out.toString();
  }

  /** The report as JSON, for scripts: the plan, the counts, and every finding by check. */
  String toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("orders", plan.orders());
    json.put("kills", plan.kills());
    json.put("failRate", plan.failRate());
    json.put("seed", plan.seed());
    json.put("accepted", orders.size());
    json.put("doubleClicks", doubleClicks);
    json.put("serverErrors", serverErrors);
    json.put("startSeconds", startTimes.stream().map(d -> d.toMillis() / 1000.0).toList());
    json.put("ranSeconds", ran.toMillis() / 1000.0);
    json.put("outcomes", outcomes());
    json.put("notAccepted", notAccepted);
    json.put("lost", lost());
    json.put("stranded", stranded());
    json.put("parked", parked());
    json.put("duplicated", duplicated());
    List<Map<String, Object>> books = new ArrayList<>();
    for (Stock sku : stock) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("sku", sku.sku());
      entry.put("initial", sku.initial());
      entry.put("available", sku.available());
      entry.put("reserved", sku.reserved());
      entry.put("shipped", sku.shippedCounter() != null ? sku.shippedCounter() : shippedByOrders(sku.sku()));
      entry.put("shippedByOrders", shippedByOrders(sku.sku()));
      books.add(entry);
    }
    json.put("stock", books);
    json.put("booksProblems", books());
    json.put("captured", totalCaptured().toPlainString());
    json.put("refunded", totalRefunded().toPlainString());
    json.put("paidByCompletedOrders", paidByCompletedOrders().toPlainString());
    json.put("ledgerProblems", ledger());
    json.put("failures", failures());
    json.put("passed", passed());
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json) + System.lineSeparator();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the report could not be written as JSON", e);
    }
  }

  private String restarts() {
    if (startTimes.size() < 2) {
      return "(no restart)";
    }
    double average = startTimes.subList(1, startTimes.size()).stream().mapToLong(Duration::toMillis).average()
        .orElse(0) / 1000.0;
    return String.format(Locale.ROOT, "%.1f s on average", average);
  }

  /** A check's row: "0", or how many it caught and the first few of them. */
  private static String check(String label, List<String> caught) {
    if (caught.isEmpty()) {
      return row(label, "0");
    }
    StringBuilder out = new StringBuilder(row(label, String.valueOf(caught.size())));
    caught.stream().limit(DETAIL_LINES).forEach(line -> out.append(row("", "  " + line)));
    if (caught.size() > DETAIL_LINES) {
      out.append(row("", "  … and " + (caught.size() - DETAIL_LINES) + " more (--json lists all)"));
    }
    return out.toString();
  }

  private static String row(String label, String value) {
    return String.format(Locale.ROOT, "  %-16s %s%n", label, value);
  }
}

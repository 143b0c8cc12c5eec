package io.orderflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.StackConnection;
import io.orderflow.order.Order;
import io.orderflow.order.OrderRepository;
import io.orderflow.platform.Json;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** An order's status and timeline as a table, read from the running stack: what ops look at first. */
@Command(name = "timeline", mixinStandardHelpOptions = true,
    description = "Prints an order's status and its timeline as a table, from the stack `orderflow serve` runs.")
final class TimelineCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "<orderId>", description = "The order, as POST /orders answered it.")
  String orderId;

  @Mixin
  RunningStack stack;

  @Override
  public Integer call() {
    StringBuilder problem = new StringBuilder();
    Optional<StackConnection> running = stack.attach(problem);
    if (running.isEmpty()) {
      System.err.println(problem + "\n" + RunningStack.hint());
      return 1;
    }
    try (StackConnection connection = running.get()) {
      OrderRepository orders = connection.adapters().orders();
      Optional<Order> order = orders.find(orderId);
      if (order.isEmpty()) {
        System.err.println("No order " + orderId + ".");
        return 1;
      }
      System.out.println(summary(order.get()));
      List<JsonNode> events = orders.timeline(orderId).stream()
          .map(event -> Json.MAPPER.<JsonNode>valueToTree(event))
          .toList();
      System.out.print(TimelineTable.render(events));
      return 0;
    }
  }

  private static String summary(Order order) {
    return "order " + order.orderId() + ": " + order.status()
        + (order.statusReason() == null ? "" : " (" + order.statusReason() + ")")
        + ", customer " + order.customerId()
        + ", total " + order.total().amountString() + " " + order.total().currencyCode()
        + (order.shipment() == null ? "" : ", parcel " + order.shipment().trackingNumber());
  }
}

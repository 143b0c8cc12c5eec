package io.orderflow.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.LocalStack;
import io.orderflow.local.gateway.Tokens;
import io.orderflow.platform.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OrderflowCliTest {

  @Test
  void tokenPrintsOnlyAJwtOnItsLastLineThatTheGatewayAccepts() {
    String output = run("token", "alice", "--ops");
    String[] lines = output.split("\n");
    String last = lines[lines.length - 1];

    assertThat(last).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    assertThat(Tokens.fromEnvironment().verify(last)).hasValueSatisfying(claims -> assertThat(claims)
        .containsEntry("sub", "alice")
        .containsEntry("cognito:groups", "ops"));
  }

  @Test
  void timelinesPrintAsAlignedTables() {
    List<JsonNode> events = List.of(
        Json.read("{\"at\":\"2026-01-02T03:04:05Z\",\"type\":\"ORDER_PLACED\",\"status\":\"PENDING\","
            + "\"detail\":{\"total\":{\"amount\":\"59.80\",\"currency\":\"USD\"}}}", JsonNode.class),
        Json.read("{\"at\":\"2026-01-02T03:04:06Z\",\"type\":\"PICKED_UP\",\"status\":\"IN_TRANSIT\","
            + "\"detail\":{\"location\":\"depot\"}}", JsonNode.class));

    String[] rows = TimelineTable.render(events).split("\n");

    assertThat(rows).hasSize(3);
    assertThat(rows[0]).contains("TIME", "EVENT", "STATUS", "DETAIL");
    assertThat(rows[1]).contains("ORDER_PLACED", "PENDING", "total={\"amount\":\"59.80\",\"currency\":\"USD\"}");
    assertThat(rows[2]).contains("PICKED_UP", "IN_TRANSIT", "location=depot");
    assertThat(rows[1].indexOf("PENDING")).isEqualTo(rows[2].indexOf("IN_TRANSIT")).isEqualTo(rows[0].indexOf("STATUS"));
  }

  @Test
  void demoTakesEveryScenarioToItsEndTheReturnsThroughRefundAndExchange() {
    try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults().withPorts(0, 0, 0, 0).withTimeScale(100))) {
      String output = run("demo", "--api", stack.apiEndpoint().orElseThrow().toString());

      assertThat(output).contains("happy path — order", "COMPLETED (CUSTOMER_CONFIRMED)", "PAYMENT_DECLINED");
      assertThat(output).contains("RETURN_RECEIVED", "RETURN_INSPECTED", "RETURN_REFUNDED",
          "(1 × SKU-1, DAMAGED → REFUND): REFUNDED, refund 29.90 USD; payment PARTIALLY_REFUNDED, refunded 29.90 USD");
      assertThat(output).contains("RETURN_EXCHANGED", "(1 × SKU-3, SIZE → EXCHANGE): EXCHANGED, replacement order ");
      assertThat(output).contains("RETURN_IN_REVIEW", "(1 × SKU-1, OTHER → REFUND): REFUNDED");

      String happyPath = output.substring(output.indexOf("happy path — order ") + "happy path — order ".length());
      String orderId = happyPath.substring(0, happyPath.indexOf(':'));
      String timeline = run("timeline", orderId,
          "--dynamodb-port", String.valueOf(stack.dynamoDbEndpoint().getPort()),
          "--sqs-port", String.valueOf(stack.sqsEndpoint().getPort()),
          "--sfn-port", String.valueOf(stack.stepFunctionsEndpoint().getPort()));
      assertThat(timeline).startsWith("order " + orderId + ": COMPLETED (CUSTOMER_CONFIRMED), customer ");
      assertThat(timeline.lines().skip(1).findFirst()).hasValueSatisfying(header -> assertThat(header)
          .contains("TIME", "EVENT", "STATUS", "DETAIL"));
      assertThat(timeline).contains("ORDER_PLACED", "PAYMENT_CAPTURED", "ORDER_COMPLETED");
    }
  }

  @Test
  void everyCommandIsThereWithItsHelp() {
    String help = run("--help");

    assertThat(help).contains("serve", "token", "invoke", "demo", "timeline", "flash-sale", "logs");
    assertThat(run("logs", "--help")).contains("--order", "--follow");
    assertThat(run("serve", "--help")).contains("--host", "--carrier-pace");
    assertThat(run("token", "--help")).contains("stdout", "--ops");
    assertThat(run("flash-sale", "--help")).contains("--orders", "--stock", "--concurrency", "--double-click-every");
  }

  @Test
  void aFlashSaleWithoutOrdersIsAUsageErrorNotAStackTrace() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new OrderflowCli());
    cli.setErr(new PrintWriter(err));

    assertThat(cli.execute("flash-sale", "--orders", "0")).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).startsWith("orders and concurrency must be positive").contains("Usage: orderflow flash-sale")
        .doesNotContain("Exception");
  }

  private static String run(String... args) {
    PrintStream console = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertThat(new CommandLine(new OrderflowCli()).execute(args)).isZero();
    } finally {
      System.setOut(console);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}

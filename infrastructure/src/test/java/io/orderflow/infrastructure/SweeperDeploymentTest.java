package io.orderflow.infrastructure;

import static io.orderflow.infrastructure.SynthesizedStack.map;
import static io.orderflow.infrastructure.SynthesizedStack.oneOrMany;
import static io.orderflow.infrastructure.SynthesizedStack.properties;
import static io.orderflow.infrastructure.SynthesizedStack.resources;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.platform.LambdaFunction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The stranded-order sweeper: a schedule rule, and grants that reach executions and its tables only. */
class SweeperDeploymentTest {

  private static final String SWEEPER = "Functionssweepstrandedorders";

  private static Template template;

  @BeforeAll
  static void synthesizeOnce() {
    template = Template.fromStack(SynthesizedStack.build(new App()));
  }

  @Test
  void anEventBridgeRuleRunsTheSweeperEveryFiveMinutes() {
    Map<String, Map<String, Object>> rules = resources(template, "AWS::Events::Rule");

    assertThat(rules).hasSize(1);
    Map<String, Object> rule = properties(rules.values().iterator().next());
    assertThat(rule).containsEntry("ScheduleExpression", "rate(5 minutes)").containsEntry("State", "ENABLED");
    List<Object> targets = oneOrMany(rule.get("Targets"));
    assertThat(targets).singleElement().satisfies(target ->
        assertThat(map(target).get("Arn").toString()).contains(SWEEPER + "Live"));
    assertThat(LambdaFunction.SWEEP_STRANDED_ORDERS.schedule()).contains(LambdaFunction.SWEEP_INTERVAL);
    // EventBridge may invoke it; a failed run is not retried by Lambda, the next run redoes the work.
    template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
        "Principal", "events.amazonaws.com",
        "FunctionName", Match.objectLike(Map.of("Ref", Match.stringLikeRegexp(SWEEPER + "Live.*")))));
    template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of("MaximumRetryAttempts", 0));
  }

  @Test
  void theSweeperMayDescribeAndRedriveFulfillmentExecutionsAndStartThemButNothingMore() {
    List<Map<String, Object>> statements = statements(SWEEPER);
    Map<String, Object> redrive = statements.stream()
        .filter(s -> oneOrMany(s.get("Action")).contains("states:RedriveExecution"))
        .findFirst()
        .orElseThrow();

    assertThat(oneOrMany(redrive.get("Action")))
        .containsExactlyInAnyOrder("states:DescribeExecution", "states:RedriveExecution");
    assertThat(redrive.get("Resource").toString())
        .contains(":execution:")
        .contains("order-fulfillment:*")
        .doesNotContain("return-refund");
    String all = statements.toString();
    assertThat(all)
        .contains("states:StartExecution")
        .contains("TablesOrders", "TablesInventory", "TablesIdempotency")
        .doesNotContain("TablesCatalog", "TablesAftersales", "sqs:", "secretsmanager:", "states:SendTask");
    // No other function may redrive.
    assertThat(resources(template, "AWS::IAM::Policy").entrySet().stream()
            .filter(e -> e.getValue().toString().contains("states:RedriveExecution"))
            .map(Map.Entry::getKey))
        .singleElement()
        .satisfies(id -> assertThat(id).startsWith(SWEEPER));
  }

  @Test
  void anAlarmWatchesTheSweepersErrors() {
    assertThat(resources(template, "AWS::CloudWatch::Alarm").values().stream()
            .map(SynthesizedStack::properties)
            .filter(alarm -> "Errors".equals(alarm.get("MetricName")))
            .filter(alarm -> alarm.toString().contains(SWEEPER)))
        .hasSize(1);
  }

  private static List<Map<String, Object>> statements(String rolePrefix) {
    return resources(template, "AWS::IAM::Policy").entrySet().stream()
        .filter(e -> e.getKey().startsWith(rolePrefix + "Role"))
        .flatMap(e -> oneOrMany(map(properties(e.getValue()).get("PolicyDocument")).get("Statement")).stream())
        .map(SynthesizedStack::map)
        .toList();
  }
}

package io.orderflow.infrastructure;

import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * Alarms on what needs a person (function errors and throttles, failed or timed-out executions, API
 * 5xx rate and p99 latency) and one dashboard: the order funnel, cancellations by reason and the
 * state of every alarm, including the dead-letter alarms of the queues. Every alarm, and its
 * recovery, is published to one encrypted SNS topic that ops subscribe to (email, chat, paging).
 */
public final class Monitoring extends Construct {

  /**
   * @param functions by the function, not the alias, so the metrics cover every version
   * @param queueAlarms the dead-letter alarms each {@link ResilientQueue} already raises
   * @param alarmEmail an address subscribed to the alarm topic at deploy time, if any
   */
  public record Props(
      Map<LambdaFunction, IFunction> functions,
      Map<String, IStateMachine> workflows,
      RestApi api,
      List<Alarm> queueAlarms,
      Optional<String> alarmEmail) {}

  private static final Duration PERIOD = Duration.minutes(5);

  /** Share of requests answered 5xx (the average of API Gateway's 0/1 5XXError metric). */
  private static final double API_SERVER_ERROR_RATE = 0.01;

  /** Well under API Gateway's 29 s integration limit, well over a warm handler's latency. */
  private static final double API_P99_LATENCY_MS = 3000;

  private final List<Alarm> alarms = new ArrayList<>();
  private final Topic alarmTopic;

  public Monitoring(Construct scope, String id, Props props) {
    super(scope, id);
    props
        .functions()
        .forEach(
            (spec, function) -> {
              String name = spec.baseName();
              alarms.add(
                  atLeastOne(
                      name + "Errors",
                      "Function " + name + " failed",
                      function.metricErrors(sum())));
              alarms.add(
                  atLeastOne(
                      name + "Throttles",
                      "Function " + name + " was throttled",
                      function.metricThrottles(sum())));
            });
    props
        .workflows()
        .forEach(
            (name, workflow) -> {
              alarms.add(
                  atLeastOne(
                      name + "Failed",
                      "Executions of " + name + " failed",
                      workflow.metricFailed(sum())));
              alarms.add(
                  atLeastOne(
                      name + "TimedOut",
                      "Executions of " + name + " timed out",
                      workflow.metricTimedOut(sum())));
            });
    alarms.add(
        alarm(
            "ApiServerErrors",
            "1% or more of API requests answered 5xx",
            props.api().metricServerError(statistic("Average")),
            API_SERVER_ERROR_RATE,
            1));
    alarms.add(
        alarm(
            "ApiLatencyP99",
            "API p99 latency above " + (int) API_P99_LATENCY_MS + " ms",
            props.api().metricLatency(statistic("p99")),
            API_P99_LATENCY_MS,
            3));

    List<Alarm> allAlarms = new ArrayList<>(alarms);
    allAlarms.addAll(props.queueAlarms());
    alarmTopic = alarmTopic(props.alarmEmail());
    SnsAction notify = new SnsAction(alarmTopic);
    for (Alarm alarm : allAlarms) {
      alarm.addAlarmAction(notify);
      // The all-clear too, so whoever was paged knows when it is over.
      alarm.addOkAction(notify);
    }
    dashboard(List.copyOf(allAlarms));
  }

  public List<Alarm> alarms() {
    return List.copyOf(alarms);
  }

  public Topic alarmTopic() {
    return alarmTopic;
  }

  /**
   * SNS encrypts at rest only with a customer managed key that CloudWatch may use: the AWS managed
   * SNS key's policy cannot be changed to let CloudWatch publish.
   */
  private Topic alarmTopic(Optional<String> email) {
    Key key =
        Key.Builder.create(this, "AlarmTopicKey")
            .description("Encrypts the orderflow alarm topic")
            .enableKeyRotation(true)
            .build();
    key.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .sid("CloudWatchAlarmsOfThisAccountPublish")
            .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
            .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
            // In a key policy "*" is this key.
            .resources(List.of("*"))
            .conditions(
                Map.of(
                    "StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount())))
            .build());
    Topic topic =
        Topic.Builder.create(this, "AlarmTopic")
            .displayName("orderflow alarms")
            .masterKey(key)
            .enforceSsl(true)
            .build();
    email.ifPresent(address -> topic.addSubscription(new EmailSubscription(address)));
    return topic;
  }

  private void dashboard(List<IAlarm> allAlarms) {
    List<IMetric> funnel = new ArrayList<>();
    for (String metric : Metrics.FUNNEL) {
      // Summed over every service that publishes the metric.
      funnel.add(search("SUM(" + searchFor(metric, Metrics.SERVICE_DIMENSION) + ")", metric));
    }
    IMetric cancelledByReason =
        search(
            searchFor(
                Metrics.ORDERS_CANCELLED, Metrics.REASON_DIMENSION, Metrics.SERVICE_DIMENSION),
            "${PROP('Dim." + Metrics.REASON_DIMENSION + "')}");
    Dashboard.Builder.create(this, "Dashboard")
        .dashboardName("orderflow")
        .widgets(
            List.of(
                List.of(
                    GraphWidget.Builder.create()
                        .title("Order funnel (orders per 5 minutes)")
                        .left(funnel)
                        .width(12)
                        .build(),
                    GraphWidget.Builder.create()
                        .title("Cancelled orders by reason")
                        .left(List.of(cancelledByReason))
                        .width(12)
                        .build()),
                List.of(
                    AlarmStatusWidget.Builder.create()
                        .title("Alarms")
                        .alarms(allAlarms)
                        .width(24)
                        .build())))
        .build();
  }

  private static String searchFor(String metricName, String... dimensions) {
    return "SEARCH('{"
        + Metrics.NAMESPACE
        + ","
        + String.join(",", dimensions)
        + "} MetricName=\""
        + metricName
        + "\"', 'Sum', "
        + PERIOD.toSeconds()
        + ")";
  }

  private static IMetric search(String expression, String label) {
    return MathExpression.Builder.create()
        .expression(expression)
        .usingMetrics(Map.of())
        .label(label)
        .period(PERIOD)
        .build();
  }

  private Alarm atLeastOne(String id, String description, Metric metric) {
    return alarm(id, description, metric, 1, 1);
  }

  private Alarm alarm(String id, String description, Metric metric, double threshold, int periods) {
    return Alarm.Builder.create(this, id)
        .alarmDescription(description)
        .metric(metric)
        .threshold(threshold)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .evaluationPeriods(periods)
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build();
  }

  private static MetricOptions sum() {
    return statistic("Sum");
  }

  private static MetricOptions statistic(String statistic) {
    return MetricOptions.builder().statistic(statistic).period(PERIOD).build();
  }
}

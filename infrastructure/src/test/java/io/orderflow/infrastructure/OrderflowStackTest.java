package io.orderflow.infrastructure;

import static io.orderflow.infrastructure.SynthesizedStack.map;
import static io.orderflow.infrastructure.SynthesizedStack.oneOrMany;
import static io.orderflow.infrastructure.SynthesizedStack.properties;
import static io.orderflow.infrastructure.SynthesizedStack.referencedId;
import static io.orderflow.infrastructure.SynthesizedStack.resourcePath;
import static io.orderflow.infrastructure.SynthesizedStack.resources;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.platform.ApiRoutes;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.Metrics;
import io.orderflow.platform.Queue;
import io.orderflow.platform.Route;
import io.orderflow.platform.StreamFilter;
import io.orderflow.platform.Table;
import io.orderflow.platform.Workflow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class OrderflowStackTest {

  private static Template template;

  @BeforeAll
  static void synthesizeOnce() {
    template = Template.fromStack(SynthesizedStack.build(new App()));
  }

  @Test
  void everyWorkQueueHasAnEncryptedDeadLetterQueueAfterThreeToFiveReceives() {
    Map<String, Map<String, Object>> queues = resources(template, "AWS::SQS::Queue");
    List<Map<String, Object>> workQueues =
        queues.values().stream()
            .map(SynthesizedStack::properties)
            .filter(queue -> queue.containsKey("RedrivePolicy"))
            .toList();

    assertThat(workQueues).hasSize(Queue.values().length);
    Set<String> deadLetterQueues = new HashSet<>();
    for (Map<String, Object> queue : workQueues) {
      Map<String, Object> redrive = map(queue.get("RedrivePolicy"));
      assertThat((Integer) redrive.get("maxReceiveCount")).isBetween(3, 5);
      deadLetterQueues.add(referencedId(redrive.get("deadLetterTargetArn")));
    }
    assertThat(deadLetterQueues).hasSize(Queue.values().length).allMatch(queues::containsKey);
    assertThat(queues.values())
        .allSatisfy(
            queue -> assertThat(properties(queue)).containsEntry("SqsManagedSseEnabled", true));
  }

  @Test
  void everyQueueRefusesRequestsWithoutTls() {
    Set<String> protectedQueues = new HashSet<>();
    for (Map<String, Object> policy : resources(template, "AWS::SQS::QueuePolicy").values()) {
      List<Object> statements =
          oneOrMany(map(properties(policy).get("PolicyDocument")).get("Statement"));
      boolean deniesInsecureTransport =
          statements.stream()
              .map(SynthesizedStack::map)
              .anyMatch(
                  statement ->
                      "Deny".equals(statement.get("Effect"))
                          && String.valueOf(statement.get("Condition"))
                              .contains("aws:SecureTransport=false"));
      if (deniesInsecureTransport) {
        oneOrMany(properties(policy).get("Queues"))
            .forEach(queue -> protectedQueues.add(referencedId(queue)));
      }
    }

    assertThat(protectedQueues).isEqualTo(resources(template, "AWS::SQS::Queue").keySet());
  }

  @Test
  void everyDeadLetterQueueHasAnAlarmOnItsFirstMessage() {
    Set<String> deadLetterQueues =
        resources(template, "AWS::SQS::Queue").values().stream()
            .map(SynthesizedStack::properties)
            .filter(queue -> queue.containsKey("RedrivePolicy"))
            .map(queue -> referencedId(map(queue.get("RedrivePolicy")).get("deadLetterTargetArn")))
            .collect(Collectors.toSet());
    // A stream consumer's failure destination is its dead-letter queue.
    resources(template, "AWS::Lambda::EventSourceMapping").values().stream()
        .map(SynthesizedStack::properties)
        .filter(mapping -> mapping.containsKey("DestinationConfig"))
        .map(mapping -> map(map(mapping.get("DestinationConfig")).get("OnFailure")).get("Destination"))
        .forEach(destination -> deadLetterQueues.add(referencedId(destination)));
    assertThat(deadLetterQueues).hasSize(Queue.values().length + streamConsumers());
    Set<String> alarmed = new HashSet<>();
    for (Map<String, Object> alarm : resources(template, "AWS::CloudWatch::Alarm").values()) {
      Map<String, Object> properties = properties(alarm);
      if ("ApproximateNumberOfMessagesVisible".equals(properties.get("MetricName"))
          && ((Number) properties.get("Threshold")).intValue() == 0
          && "GreaterThanThreshold".equals(properties.get("ComparisonOperator"))) {
        Map<String, Object> dimension = map(oneOrMany(properties.get("Dimensions")).get(0));
        alarmed.add(referencedId(dimension.get("Value")));
      }
    }

    assertThat(alarmed).isEqualTo(deadLetterQueues);
  }

  @Test
  void everyFunctionIsJava21OnArmWithSnapStartPublishedBehindAnAlias() {
    Map<String, Map<String, Object>> functions = resources(template, "AWS::Lambda::Function");

    assertThat(functions).hasSize(LambdaFunction.values().length);
    for (Map<String, Object> function : functions.values()) {
      Map<String, Object> properties = properties(function);
      assertThat(properties)
          .containsEntry("Runtime", "java21")
          .containsEntry("Architectures", List.of("arm64"))
          .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"))
          .containsKeys("MemorySize", "Timeout", "LoggingConfig");
      assertThat(map(map(properties.get("Environment")).get("Variables")))
          .containsEntry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1")
          .containsEntry("POWERTOOLS_METRICS_NAMESPACE", "orderflow")
          .containsKey("POWERTOOLS_SERVICE_NAME");
    }
    assertThat(resources(template, "AWS::Lambda::Alias").values())
        .hasSize(LambdaFunction.values().length)
        .allSatisfy(alias -> assertThat(properties(alias)).containsEntry("Name", "live"));
  }

  @Test
  void everyFunctionRunsItsHandlerWithTheSizingOfTheCatalog() {
    for (LambdaFunction spec : LambdaFunction.values()) {
      template.hasResourceProperties(
          "AWS::Lambda::Function",
          Map.of(
              "Handler", spec.handlerClass(),
              "MemorySize", spec.memoryMb(),
              "Timeout", (int) spec.timeout().toSeconds(),
              "Environment",
                  Map.of(
                      "Variables",
                      Match.objectLike(Map.of("POWERTOOLS_SERVICE_NAME", spec.localName())))));
    }
  }

  @Test
  void everyFunctionLearnsEveryTableQueueAndWorkflowFromItsEnvironment() {
    List<String> expected = new ArrayList<>();
    for (Table table : Table.values()) {
      expected.add(table.environmentVariable());
    }
    for (Queue queue : Queue.values()) {
      expected.add(queue.environmentVariable());
    }
    for (Workflow workflow : Workflow.values()) {
      expected.add(workflow.environmentVariable());
    }

    assertThat(resources(template, "AWS::Lambda::Function").values())
        .allSatisfy(
            function ->
                assertThat(map(map(properties(function).get("Environment")).get("Variables")))
                    .containsKeys(expected.toArray(String[]::new)));
  }

  @Test
  void queueConsumersReportPartialBatchFailuresWithBoundedConcurrency() {
    long triggered =
        Arrays.stream(LambdaFunction.values()).filter(f -> f.trigger().isPresent()).count();
    List<Map<String, Object>> queueMappings =
        resources(template, "AWS::Lambda::EventSourceMapping").values().stream()
            .map(SynthesizedStack::properties)
            .filter(mapping -> !mapping.containsKey("StartingPosition"))
            .toList();

    assertThat(queueMappings).hasSize((int) triggered);
    for (Map<String, Object> properties : queueMappings) {
      assertThat(properties.get("FunctionResponseTypes"))
          .isEqualTo(List.of("ReportBatchItemFailures"));
      assertThat(map(properties.get("ScalingConfig")).get("MaximumConcurrency")).isEqualTo(5);
    }
  }

  @Test
  void eachStreamConsumerGetsOnlyItsFilteredRecordsWithRetriesAndAFailureQueue() {
    List<Map<String, Object>> streamMappings =
        resources(template, "AWS::Lambda::EventSourceMapping").values().stream()
            .map(SynthesizedStack::properties)
            .filter(mapping -> mapping.containsKey("StartingPosition"))
            .toList();

    assertThat(streamMappings).hasSize(streamConsumers());
    for (LambdaFunction spec : LambdaFunction.values()) {
      if (spec.streamTrigger().isEmpty()) {
        continue;
      }
      StreamFilter filter = spec.streamFilter().orElseThrow();
      Map<String, Object> mapping =
          streamMappings.stream()
              .filter(m -> String.valueOf(m.get("FunctionName")).contains(spec.baseName().replace("-", "")))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no stream mapping for " + spec));
      assertThat(referencedId(mapping.get("EventSourceArn")))
          .startsWith("Tables" + spec.streamTrigger().get().logicalName());
      assertThat(mapping)
          .containsEntry("StartingPosition", "TRIM_HORIZON")
          .containsEntry("BisectBatchOnFunctionError", true)
          .containsEntry("MaximumRetryAttempts", 10)
          .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"))
          .containsKey("DestinationConfig");
      String criteria = String.valueOf(mapping.get("FilterCriteria"));
      assertThat(criteria).contains(filter.eventName(), filter.sortKeyPrefix());
      if (filter.ttlDeletionsOnly()) {
        assertThat(criteria).contains(StreamFilter.TTL_IDENTITY_TYPE, StreamFilter.TTL_PRINCIPAL);
      } else {
        assertThat(criteria).doesNotContain(StreamFilter.TTL_PRINCIPAL);
      }
    }
    long streamed = Arrays.stream(Table.values()).filter(Table::streamed).count();
    assertThat(
            resources(template, "AWS::DynamoDB::Table").values().stream()
                .map(SynthesizedStack::properties)
                .filter(table -> table.containsKey("StreamSpecification")))
        .hasSize((int) streamed)
        .allSatisfy(
            table ->
                assertThat(map(table.get("StreamSpecification")))
                    .containsEntry("StreamViewType", "NEW_AND_OLD_IMAGES"));
  }

  private static int streamConsumers() {
    return (int)
        Arrays.stream(LambdaFunction.values()).filter(f -> f.streamTrigger().isPresent()).count();
  }

  @Test
  void noIamStatementAllowsAWildcardAction() {
    List<Object> actions = new ArrayList<>();
    for (Map<String, Object> policy : resources(template, "AWS::IAM::Policy").values()) {
      actions.addAll(allowedActions(properties(policy).get("PolicyDocument")));
    }
    for (Map<String, Object> role : resources(template, "AWS::IAM::Role").values()) {
      for (Object inline : oneOrMany(properties(role).getOrDefault("Policies", List.of()))) {
        actions.addAll(allowedActions(map(inline).get("PolicyDocument")));
      }
    }

    assertThat(actions)
        .isNotEmpty()
        .allSatisfy(action -> assertThat((String) action).doesNotContain("*"));
  }

  @Test
  void functionsMayTouchOnlyWhatTheirAccessGrants() {
    String intake = policyText("Functionsintake");
    String track = policyText("Functionstrack");
    String validate = policyText("Functionsvalidate");

    assertThat(intake)
        .contains("states:StartExecution")
        .doesNotContain("dynamodb:", "secretsmanager:");
    assertThat(track).contains("secretsmanager:GetSecretValue", "states:SendTaskSuccess");
    assertThat(validate)
        .doesNotContain("secretsmanager:", "states:")
        .contains("TablesCatalog", "TablesOrders")
        .doesNotContain("TablesInventory", "TablesIdempotency");
    assertThat(
            resources(template, "AWS::IAM::Policy").keySet().stream()
                .filter(id -> policyText(id).contains("secretsmanager:")))
        .containsExactly(policyId("Functionstrack"));
    // Messages that follow from order changes leave through the outbox relay alone.
    assertThat(
            resources(template, "AWS::IAM::Policy").keySet().stream()
                .filter(id -> id.startsWith("Functions") && policyText(id).contains("sqs:SendMessage"))
                .toList())
        .containsExactlyInAnyOrder(
            policyId("Functionsrelayoutbox"),
            policyId("Functionsdispatch"),
            policyId("Functionsreviewreturn"),
            // Their stream failure queues: Lambda sends records it gave up on there.
            policyId("Functionsexpirereservations"));
  }

  @Test
  void everyPlaceholderOfEveryWorkflowIsSubstituted() {
    RepositoryLayout layout = RepositoryLayout.locate();
    for (Workflow workflow : Workflow.values()) {
      Set<String> placeholders = StepFunction.placeholders(layout.definition(workflow));
      Map<String, Object> stateMachine =
          properties(
              resources(template, "AWS::StepFunctions::StateMachine").values().stream()
                  .filter(
                      sm ->
                          properties(sm)
                              .get("StateMachineName")
                              .toString()
                              .endsWith("-" + workflow.baseName()))
                  .findFirst()
                  .orElseThrow());

      assertThat(placeholders).isNotEmpty();
      assertThat(map(stateMachine.get("DefinitionSubstitutions")).keySet())
          .containsExactlyInAnyOrderElementsOf(placeholders);
    }
  }

  @Test
  void workflowsAreStandardLoggedWithExecutionDataAndTraced() {
    template.allResourcesProperties(
        "AWS::StepFunctions::StateMachine",
        Map.of(
            "StateMachineType", "STANDARD",
            "LoggingConfiguration",
                Match.objectLike(Map.of("Level", "ALL", "IncludeExecutionData", true)),
            "TracingConfiguration", Map.of("Enabled", true)));
    template.resourceCountIs("AWS::StepFunctions::StateMachine", Workflow.values().length);
  }

  @Test
  void tablesAreOnDemandRecoverableEncryptedWithTheirTtlAndIndexes() {
    template.resourceCountIs("AWS::DynamoDB::Table", Table.values().length);
    template.allResourcesProperties(
        "AWS::DynamoDB::Table",
        Map.of(
            "BillingMode", "PAY_PER_REQUEST",
            "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
            "SSESpecification", Match.objectLike(Map.of("SSEEnabled", true))));
    for (Table table : Table.values()) {
      if (table.ttlAttribute().isPresent()) {
        template.hasResourceProperties(
            "AWS::DynamoDB::Table",
            Map.of(
                "TimeToLiveSpecification",
                Map.of("AttributeName", table.ttlAttribute().get(), "Enabled", true)));
      }
      for (Table.Index index : table.indexes()) {
        template.hasResourceProperties(
            "AWS::DynamoDB::Table",
            Map.of(
                "GlobalSecondaryIndexes",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "IndexName", index.name(),
                                "Projection", Map.of("ProjectionType", "ALL")))))));
      }
    }
  }

  @Test
  void everyRouteExistsAndOnlyTheCarrierWebhookAndHealthHaveNoAuthorizer() {
    Map<String, String> authorizationByRoute = new TreeMap<>();
    for (Map<String, Object> method : resources(template, "AWS::ApiGateway::Method").values()) {
      Map<String, Object> properties = properties(method);
      String route = properties.get("HttpMethod") + " " + resourcePath(template, properties.get("ResourceId"));
      authorizationByRoute.put(route, (String) properties.get("AuthorizationType"));
      if ("COGNITO_USER_POOLS".equals(properties.get("AuthorizationType"))) {
        assertThat(referencedId(properties.get("AuthorizerId"))).startsWith("OrdersAuthorizer");
      }
    }
    Map<String, String> expected = new TreeMap<>();
    for (Route route : ApiRoutes.ALL) {
      expected.put(
          route.method() + " " + route.path(),
          route.requiresToken() ? "COGNITO_USER_POOLS" : "NONE");
    }

    assertThat(authorizationByRoute).isEqualTo(expected);
  }

  @Test
  void theApiStageIsThrottledLoggedAndValidatesRequests() {
    template.hasResourceProperties(
        "AWS::ApiGateway::Stage",
        Map.of(
            "AccessLogSetting", Match.objectLike(Map.of("DestinationArn", Match.anyValue())),
            "TracingEnabled", true,
            "MethodSettings",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "ThrottlingRateLimit", 200,
                                "ThrottlingBurstLimit", 400,
                                "LoggingLevel", "INFO"))))));
    template.hasResourceProperties(
        "AWS::ApiGateway::RequestValidator",
        Map.of("ValidateRequestBody", true, "ValidateRequestParameters", true));
    template.allResourcesProperties(
        "AWS::ApiGateway::Method", Map.of("RequestValidatorId", Match.anyValue()));
  }

  @Test
  void theFirewallLimitsRequestsPerIpAddressWithA429InTheErrorShape() {
    template.hasResourceProperties(
        "AWS::WAFv2::WebACL",
        Map.of(
            "Rules", Match.arrayWith(List.of(Match.objectLike(Map.of(
                "Name", "RequestsPerIpAddress",
                "Statement", Map.of("RateBasedStatement", Match.objectLike(Map.of(
                    "AggregateKeyType", "IP", "Limit", (int) OrdersApi.REQUESTS_PER_IP_PER_5_MINUTES))),
                "Action", Map.of("Block", Map.of("CustomResponse", Match.objectLike(Map.of(
                    "ResponseCode", 429, "CustomResponseBodyKey", "tooManyRequests")))))))),
            "CustomResponseBodies", Map.of("tooManyRequests", Map.of(
                "ContentType", "APPLICATION_JSON", "Content", OrdersApi.RATE_LIMITED_BODY))));
    assertThat(OrdersApi.RATE_LIMITED_BODY).contains("\"details\":[]");
  }

  @Test
  void alarmsWatchEveryFunctionTheWorkflowAndTheApi() {
    Map<String, Map<String, Object>> alarms = resources(template, "AWS::CloudWatch::Alarm");
    Map<String, Long> byMetric =
        alarms.values().stream()
            .map(SynthesizedStack::properties)
            .collect(
                Collectors.groupingBy(a -> (String) a.get("MetricName"), Collectors.counting()));

    assertThat(byMetric)
        .containsEntry("Errors", (long) LambdaFunction.values().length)
        .containsEntry("Throttles", (long) LambdaFunction.values().length)
        .containsEntry("ExecutionsFailed", (long) Workflow.values().length)
        .containsEntry("ExecutionsTimedOut", (long) Workflow.values().length)
        .containsEntry("5XXError", 1L)
        .containsEntry("Latency", 1L);
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm", Map.of("MetricName", "Latency", "ExtendedStatistic", "p99"));
  }

  @Test
  void everyAlarmAndItsRecoveryReachOpsThroughOneEncryptedTlsOnlyTopic() {
    Map<String, Map<String, Object>> topics = resources(template, "AWS::SNS::Topic");
    assertThat(topics).hasSize(1);
    String topic = topics.keySet().iterator().next();
    assertThat(resources(template, "AWS::CloudWatch::Alarm").values())
        .isNotEmpty()
        .allSatisfy(
            alarm -> {
              assertThat(oneOrMany(properties(alarm).get("AlarmActions")))
                  .extracting(SynthesizedStack::referencedId)
                  .containsExactly(topic);
              assertThat(oneOrMany(properties(alarm).get("OKActions")))
                  .extracting(SynthesizedStack::referencedId)
                  .containsExactly(topic);
            });

    String key = referencedId(properties(topics.get(topic)).get("KmsMasterKeyId"));
    Map<String, Object> keyProperties = properties(resources(template, "AWS::KMS::Key").get(key));
    assertThat(keyProperties).containsEntry("EnableKeyRotation", true);
    assertThat(String.valueOf(keyProperties.get("KeyPolicy")))
        .contains("cloudwatch.amazonaws.com", "aws:SourceAccount");
    String topicPolicy =
        String.valueOf(resources(template, "AWS::SNS::TopicPolicy").values().iterator().next());
    assertThat(topicPolicy).contains("Deny", "aws:SecureTransport=false");
  }

  @Test
  void theDashboardChartsTheWholeFunnelAndCancellationsByReason() {
    String dashboard = template.findResources("AWS::CloudWatch::Dashboard").values().toString();

    for (String metric : Metrics.FUNNEL) {
      assertThat(dashboard).contains("MetricName=\\\"" + metric + "\\\"");
    }
    assertThat(dashboard).contains(Metrics.ORDERS_CANCELLED, Metrics.REASON_DIMENSION);
  }

  @Test
  void onlyTheCarrierWebhookGetsTheCarrierSecretsResolvedAtDeployTime() {
    template.resourceCountIs("AWS::SecretsManager::Secret", 1);
    for (Map<String, Object> function : resources(template, "AWS::Lambda::Function").values()) {
      Map<String, Object> properties = properties(function);
      Map<String, Object> variables = map(map(properties.get("Environment")).get("Variables"));
      if (LambdaFunction.TRACK.handlerClass().equals(properties.get("Handler"))) {
        assertThat(variables).containsKeys(CarrierSecrets.ARN_VARIABLE);
        assertThat(variables.get(CarrierSecrets.PAIRS_VARIABLE).toString())
            .contains("simcarrier=", "{{resolve:secretsmanager:", ":SecretString:simcarrier::}}");
      } else {
        assertThat(variables)
            .doesNotContainKeys(CarrierSecrets.ARN_VARIABLE, CarrierSecrets.PAIRS_VARIABLE);
      }
    }
  }

  private static List<Object> allowedActions(Object document) {
    List<Object> actions = new ArrayList<>();
    for (Object statement : oneOrMany(map(document).get("Statement"))) {
      if ("Allow".equals(map(statement).get("Effect"))) {
        actions.addAll(oneOrMany(map(statement).get("Action")));
      }
    }
    return actions;
  }

  private static String policyId(String rolePrefix) {
    return resources(template, "AWS::IAM::Policy").keySet().stream()
        .filter(id -> id.startsWith(rolePrefix + "Role"))
        .findFirst()
        .orElseThrow();
  }

  private static String policyText(String idOrPrefix) {
    Map<String, Map<String, Object>> policies = resources(template, "AWS::IAM::Policy");
    String id = policies.containsKey(idOrPrefix) ? idOrPrefix : policyId(idOrPrefix);
    return policies.get(id).toString();
  }

  /** The path of an API Gateway resource, rebuilt from its parents' path parts. */}

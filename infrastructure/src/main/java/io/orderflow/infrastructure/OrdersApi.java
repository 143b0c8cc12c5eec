package io.orderflow.infrastructure;

import io.orderflow.platform.Cors;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.Route;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.CognitoUserPoolsAuthorizer;
import software.amazon.awscdk.services.apigateway.CorsOptions;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.JsonWithStandardFieldProps;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LambdaIntegrationOptions;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RequestValidatorOptions;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * The REST API of API.md, one method per {@link Route}: customer and ops routes behind the Cognito
 * authorizer (the handler checks the ops group), the carrier webhook open (the handler checks its
 * HMAC signature). Stage throttling, access and execution logs, X-Ray, a web ACL, gateway errors
 * in the API's own error shape, and, when the shop names its frontends' origins, CORS preflights.
 */
public final class OrdersApi extends Construct {

  /**
   * @param throttleRate steady requests per second the stage accepts across all clients
   * @param throttleBurst requests the stage accepts at once above the steady rate
   */
  public record Props(
      List<Route> routes,
      Map<LambdaFunction, IFunction> handlers,
      IUserPool userPool,
      int throttleRate,
      int throttleBurst,
      RetentionDays logRetention,
      Cors cors) {}

  public static final String STAGE = "prod";

  /** Errors API Gateway answers itself, before a handler runs, in API.md's error shape. */
  private record GatewayError(ResponseType type, Integer status, String code) {}

  private static final List<GatewayError> GATEWAY_ERRORS =
      List.of(
          new GatewayError(ResponseType.UNAUTHORIZED, 401, "UNAUTHORIZED"),
          new GatewayError(ResponseType.ACCESS_DENIED, 403, "FORBIDDEN"),
          // What API Gateway answers for a path or method it has no route for.
          new GatewayError(ResponseType.MISSING_AUTHENTICATION_TOKEN, 404, "NOT_FOUND"),
          new GatewayError(ResponseType.BAD_REQUEST_PARAMETERS, 400, "VALIDATION_FAILED"),
          new GatewayError(ResponseType.BAD_REQUEST_BODY, 400, "VALIDATION_FAILED"),
          new GatewayError(ResponseType.REQUEST_TOO_LARGE, 413, "PAYLOAD_TOO_LARGE"),
          new GatewayError(ResponseType.THROTTLED, null, "THROTTLED"),
          // Keeps API Gateway's own status (500, 502, 503 or 504).
          new GatewayError(ResponseType.DEFAULT_5_XX, null, "INTERNAL_ERROR"));

  private final RestApi api;

  public OrdersApi(Construct scope, String id, Props props) {
    super(scope, id);
    LogGroup accessLogs =
        LogGroup.Builder.create(this, "AccessLogs").retention(props.logRetention()).build();
    api =
        RestApi.Builder.create(this, "Api")
            .restApiName("orderflow")
            .description("orderflow orders, ops and carrier webhook API")
            // Execution logging needs the account-level role that lets API Gateway write logs.
            .cloudWatchRole(true)
            .deployOptions(
                StageOptions.builder()
                    .stageName(STAGE)
                    .throttlingRateLimit(props.throttleRate())
                    .throttlingBurstLimit(props.throttleBurst())
                    .accessLogDestination(new LogGroupLogDestination(accessLogs))
                    .accessLogFormat(
                        AccessLogFormat.jsonWithStandardFields(
                            JsonWithStandardFieldProps.builder()
                                .caller(true)
                                .httpMethod(true)
                                .ip(true)
                                .protocol(true)
                                .requestTime(true)
                                .resourcePath(true)
                                .responseLength(true)
                                .status(true)
                                .user(true)
                                .build()))
                    .loggingLevel(MethodLoggingLevel.INFO)
                    // Request and response bodies hold addresses and payment tokens: never log
                    // them.
                    .dataTraceEnabled(false)
                    .metricsEnabled(true)
                    .tracingEnabled(true)
                    .build())
            .build();
    GATEWAY_ERRORS.forEach(error -> answerInErrorShape(error, props.cors()));

    CognitoUserPoolsAuthorizer authorizer =
        CognitoUserPoolsAuthorizer.Builder.create(this, "Authorizer")
            .cognitoUserPools(List.of(props.userPool()))
            .build();
    RequestValidator validator =
        api.addRequestValidator(
            "Validator",
            RequestValidatorOptions.builder()
                .validateRequestBody(true)
                .validateRequestParameters(true)
                .build());
    Map<LambdaFunction, LambdaIntegration> integrations = new EnumMap<>(LambdaFunction.class);
    for (Route route : props.routes()) {
      LambdaIntegration integration =
          integrations.computeIfAbsent(
              route.function(),
              function ->
                  new LambdaIntegration(
                      props.handlers().get(function),
                      // One invoke permission per route, not a second one for console tests.
                      LambdaIntegrationOptions.builder().allowTestInvoke(false).build()));
      addRoute(route, integration, authorizer, validator);
    }
    if (props.cors().enabled()) {
      answerPreflights(props.routes(), props.cors());
    }
    protectWithFirewall();

    Nag.suppress(
        api,
        "IAM4",
        "API Gateway's account-level logging role uses the AWS managed policy that the service"
            + " documents for it; it only lets API Gateway write its own CloudWatch logs.",
        "^Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
            + "AmazonAPIGatewayPushToCloudWatchLogs$");
  }

  public RestApi api() {
    return api;
  }

  private void addRoute(
      Route route,
      LambdaIntegration integration,
      CognitoUserPoolsAuthorizer authorizer,
      RequestValidator validator) {
    Map<String, Boolean> pathParameters = new LinkedHashMap<>();
    for (String segment : route.segments()) {
      if (segment.startsWith("{") && segment.endsWith("}")) {
        String name = segment.substring(1, segment.length() - 1);
        pathParameters.put("method.request.path." + name, true);
      }
    }
    MethodOptions.Builder options =
        MethodOptions.builder().requestValidator(validator).requestParameters(pathParameters);
    boolean carrier = route.access() == Route.Access.CARRIER;
    if (!route.requiresToken()) {
      options.authorizationType(AuthorizationType.NONE);
    } else {
      options.authorizationType(AuthorizationType.COGNITO).authorizer(authorizer);
    }
    Method method =
        api.getRoot()
            .resourceForPath(route.path())
            .addMethod(route.method(), integration, options.build());
    if (carrier) {
      String reason =
          "Carriers cannot hold Cognito users: the webhook handler authenticates every request by"
              + " its HMAC-SHA256 signature and timestamp (API.md, carrier webhook).";
      Nag.suppress(method, "APIG4", reason);
      Nag.suppress(method, "COG4", reason);
    }
    if (route.access() == Route.Access.PUBLIC) {
      String reason = "GET /health answers {\"status\": \"ok\"} to anyone and reveals nothing (API.md, health).";
      Nag.suppress(method, "APIG4", reason);
      Nag.suppress(method, "COG4", reason);
    }
  }

  /**
   * One OPTIONS method per path with browser routes, answered by API Gateway itself (a mock
   * integration): preflights carry no token, so they never reach the authorizer or a function.
   */
  private void answerPreflights(List<Route> routes, Cors cors) {
    Map<String, List<String>> methodsByPath = new LinkedHashMap<>();
    for (Route route : routes) {
      if (Cors.appliesTo(route)) {
        methodsByPath.computeIfAbsent(route.path(), path -> new ArrayList<>()).add(route.method());
      }
    }
    methodsByPath.forEach(
        (path, methods) -> {
          Method preflight =
              api.getRoot()
                  .resourceForPath(path)
                  .addCorsPreflight(
                      CorsOptions.builder()
                          .allowOrigins(cors.origins())
                          .allowMethods(methods)
                          .allowHeaders(Cors.ALLOWED_HEADERS)
                          .exposeHeaders(Cors.EXPOSED_HEADERS)
                          .maxAge(software.amazon.awscdk.Duration.seconds(Cors.MAX_AGE.toSeconds()))
                          .statusCode(204)
                          .build());
          String reason =
              "A CORS preflight carries no credentials by the Fetch standard, so it cannot pass an"
                  + " authorizer; API Gateway answers it without calling any function.";
          Nag.suppress(preflight, "APIG4", reason);
          Nag.suppress(preflight, "COG4", reason);
        });
  }

  private void answerInErrorShape(GatewayError error, Cors cors) {
    String body =
        "{\"error\": {\"code\": \""
            + error.code()
            + "\","
            + " \"message\": $context.error.messageString, \"details\": []}}";
    api.addGatewayResponse(
        error.type().getResponseType(),
        GatewayResponseOptions.builder()
            .type(error.type())
            .statusCode(error.status() == null ? null : error.status().toString())
            .templates(Map.of("application/json", body))
            .responseHeaders(corsHeaders(cors))
            .build());
  }

  /**
   * The gateway's own errors (a 401 from the authorizer, a 429) must be readable by the shop's
   * scripts too. A gateway response cannot pick one of several origins, so with several it echoes
   * the caller's: these bodies hold no data, only the error.
   */
  private static Map<String, String> corsHeaders(Cors cors) {
    if (!cors.enabled()) {
      return null;
    }
    String origin =
        cors.origins().size() == 1
            ? "'" + cors.origins().get(0) + "'"
            : "method.request.header.Origin";
    return Map.of(
        "Access-Control-Allow-Origin", origin,
        "Access-Control-Expose-Headers", "'" + String.join(",", Cors.EXPOSED_HEADERS) + "'");
  }

  /**
   * Requests one client IP address may send in any 5 minutes (WAF's rate window) before the
   * firewall answers 429 for the rest of the window: far above a shop's real traffic per address,
   * low enough that one script cannot open tickets or hold stock by the thousand.
   */
  static final long REQUESTS_PER_IP_PER_5_MINUTES = 1_000;

  /** The firewall's 429 in API.md's error shape, so a client reads it like any other error. */
  static final String RATE_LIMITED_BODY =
      "{\"error\":{\"code\":\"TOO_MANY_REQUESTS\",\"message\":\"too many requests from this address; retry"
          + " in a few minutes\",\"details\":[]}}";

  /**
   * AWS managed rules that fit a JSON API: known bad inputs and IP addresses with bad reputation;
   * and a rate-based rule per client IP address, evaluated first.
   */
  private void protectWithFirewall() {
    List<String> ruleGroups =
        List.of("AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesKnownBadInputsRuleSet");
    List<CfnWebACL.RuleProperty> rules = new ArrayList<>();
    for (int priority = 0; priority < ruleGroups.size(); priority++) {
      String group = ruleGroups.get(priority);
      rules.add(
          CfnWebACL.RuleProperty.builder()
              .name(group)
              .priority(priority)
              .overrideAction(CfnWebACL.OverrideActionProperty.builder().none(Map.of()).build())
              .statement(
                  CfnWebACL.StatementProperty.builder()
                      .managedRuleGroupStatement(
                          CfnWebACL.ManagedRuleGroupStatementProperty.builder()
                              .vendorName("AWS")
                              .name(group)
                              .build())
                      .build())
              .visibilityConfig(visibility(group))
              .build());
    }
    rules.add(
        CfnWebACL.RuleProperty.builder()
            .name("RequestsPerIpAddress")
            .priority(ruleGroups.size())
            .action(CfnWebACL.RuleActionProperty.builder()
                .block(CfnWebACL.BlockActionProperty.builder()
                    .customResponse(CfnWebACL.CustomResponseProperty.builder()
                        .responseCode(429)
                        .customResponseBodyKey("tooManyRequests")
                        .build())
                    .build())
                .build())
            .statement(CfnWebACL.StatementProperty.builder()
                .rateBasedStatement(CfnWebACL.RateBasedStatementProperty.builder()
                    .aggregateKeyType("IP")
                    .limit(REQUESTS_PER_IP_PER_5_MINUTES)
                    .build())
                .build())
            .visibilityConfig(visibility("RequestsPerIpAddress"))
            .build());
    CfnWebACL firewall =
        CfnWebACL.Builder.create(this, "Firewall")
            .scope("REGIONAL")
            .defaultAction(
                CfnWebACL.DefaultActionProperty.builder()
                    .allow(CfnWebACL.AllowActionProperty.builder().build())
                    .build())
            .visibilityConfig(visibility("orderflow-api"))
            .customResponseBodies(Map.of("tooManyRequests", CfnWebACL.CustomResponseBodyProperty.builder()
                .contentType("APPLICATION_JSON")
                .content(RATE_LIMITED_BODY)
                .build()))
            .rules(rules)
            .build();
    CfnWebACLAssociation.Builder.create(this, "FirewallAssociation")
        .resourceArn(api.getDeploymentStage().getStageArn())
        .webAclArn(firewall.getAttrArn())
        .build();
  }

  private static CfnWebACL.VisibilityConfigProperty visibility(String metricName) {
    return CfnWebACL.VisibilityConfigProperty.builder()
        .metricName(metricName)
        .cloudWatchMetricsEnabled(true)
        .sampledRequestsEnabled(true)
        .build();
  }
}

package io.orderflow.infrastructure;

import static io.orderflow.infrastructure.SynthesizedStack.map;
import static io.orderflow.infrastructure.SynthesizedStack.properties;
import static io.orderflow.infrastructure.SynthesizedStack.resourcePath;
import static io.orderflow.infrastructure.SynthesizedStack.resources;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.orderflow.platform.ApiRoutes;
import io.orderflow.platform.Cors;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.Route;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** A shop that names its frontend's origin (`cdk deploy -c corsOrigins=…`) gets a browser-ready API. */
class CorsDeploymentTest {

  private static final String SHOP = "https://shop.example.com";

  private static OrderflowStack stack;
  private static Template template;

  @BeforeAll
  static void synthesizeWithTheShopsOrigin() {
    App app = new App(AppProps.builder().context(Map.of("corsOrigins", SHOP)).build());
    stack = SynthesizedStack.build(app);
    Aspects.of(app).add(new AwsSolutionsChecks());
    template = Template.fromStack(stack);
  }

  @Test
  void everyBrowserPathAnswersItsPreflightWithoutAnAuthorizerOrAFunction() {
    Set<String> preflighted = new TreeSet<>();
    for (Map<String, Object> method : resources(template, "AWS::ApiGateway::Method").values()) {
      Map<String, Object> properties = properties(method);
      if ("OPTIONS".equals(properties.get("HttpMethod"))) {
        preflighted.add(resourcePath(template, properties.get("ResourceId")));
        assertThat(properties.get("AuthorizationType")).isEqualTo("NONE");
        Map<String, Object> integration = map(properties.get("Integration"));
        assertThat(integration.get("Type")).isEqualTo("MOCK");
        assertThat(String.valueOf(integration.get("IntegrationResponses")))
            .contains("'" + SHOP + "'", "Idempotency-Key");
      }
    }

    assertThat(preflighted).isEqualTo(ApiRoutes.ALL.stream()
        .filter(Cors::appliesTo)
        .map(Route::path)
        .collect(Collectors.toCollection(TreeSet::new)));
  }

  @Test
  void theApiFunctionsAnswerTheShopsOriginAndTheWebhookDoesNot() {
    Map<String, Map<String, Object>> functions = resources(template, "AWS::Lambda::Function");
    for (LambdaFunction spec : LambdaFunction.values()) {
      Map<String, Object> variables = functions.values().stream()
          .map(SynthesizedStack::properties)
          .filter(function -> spec.handlerClass().equals(function.get("Handler")))
          .map(function -> map(map(function.get("Environment")).get("Variables")))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no function " + spec));
      boolean servesBrowsers = spec == LambdaFunction.API || spec == LambdaFunction.AFTERSALES_API;
      assertThat(variables.get(Cors.ENVIRONMENT_VARIABLE)).as(spec.name()).isEqualTo(servesBrowsers ? SHOP : null);
    }
  }

  @Test
  void theGatewaysOwnErrorsAreReadableByTheShopsScripts() {
    Map<String, Map<String, Object>> responses = resources(template, "AWS::ApiGateway::GatewayResponse");

    assertThat(responses).isNotEmpty();
    assertThat(responses.values()).allSatisfy(response -> assertThat(map(properties(response).get("ResponseParameters")))
        .containsEntry("gatewayresponse.header.Access-Control-Allow-Origin", "'" + SHOP + "'"));
  }

  @Test
  void staysFreeOfUnsuppressedNagFindings() {
    Annotations annotations = Annotations.fromStack(stack);

    assertThat(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
    assertThat(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
  }
}

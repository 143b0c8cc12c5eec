package io.orderflow.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.local.sfn.http.StepFunctionsHttpServer;
import io.orderflow.local.sfn.json.Json;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;

/**
 * TestState, ValidateStateMachineDefinition and StartSyncExecution through the unmodified AWS SDK.
 * Expected shapes and statuses follow the AWS API reference of each operation and the developer
 * guide's "Using TestState API to test a state" (statuses SUCCEEDED, FAILED, RETRIABLE,
 * CAUGHT_ERROR; inspectionData with afterInputPath, afterParameters, result, afterResultSelector,
 * afterResultPath at DEBUG).
 */
class LocalTestingApiTest {

  private static StepFunctionsEngine engine;
  private static StepFunctionsHttpServer server;
  private static SfnClient sfn;

  @BeforeAll
  static void start() {
    LambdaFunctions functions = new LambdaFunctions()
        .register("price", p -> "{\"total\":" + Json.parse(p).get("qty").asInt() * 5 + ",\"currency\":\"USD\"}")
        .register("down", p -> { throw new LambdaFunctionException("Payment.Unavailable", "try later"); });
    engine = StepFunctionsEngine.builder().lambdaInvoker(functions).build();
    server = StepFunctionsHttpServer.start(engine, 0);
    sfn = SfnClient.builder()
        .endpointOverride(URI.create("http://localhost:" + server.port()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        // StartSyncExecution goes to a "sync-" host on AWS; the local endpoint serves every operation
        .overrideConfiguration(c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
        .build();
  }

  @AfterAll
  static void stop() {
    sfn.close();
    server.close();
    engine.close();
  }

  @Test
  void testStateRunsOneTaskAndShowsEachProcessingStepAtDebug() {
    String state = """
        {"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:price","InputPath":"$.order",
         "ResultSelector":{"amount.$":"$.total"},"ResultPath":"$.price","Next":"Charge"}""";
    TestStateResponse r = sfn.testState(b -> b.definition(state).roleArn("arn:aws:iam::000000000000:role/any")
        .input("{\"order\":{\"qty\":3}}").inspectionLevel(InspectionLevel.DEBUG));
    assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
    assertThat(r.nextState()).isEqualTo("Charge");
    // ResultPath places the result in the raw input, not in what InputPath selected
    assertThat(Json.parse(r.output())).isEqualTo(Json.parse("{\"order\":{\"qty\":3},\"price\":{\"amount\":15}}"));
    assertThat(Json.parse(r.inspectionData().afterInputPath())).isEqualTo(Json.parse("{\"qty\":3}"));
    assertThat(Json.parse(r.inspectionData().result())).isEqualTo(Json.parse("{\"total\":15,\"currency\":\"USD\"}"));
    assertThat(Json.parse(r.inspectionData().afterResultSelector())).isEqualTo(Json.parse("{\"amount\":15}"));
    assertThat(Json.parse(r.inspectionData().afterResultPath())).isEqualTo(Json.parse(r.output()));
  }

  @Test
  void testStateSaysWhetherAnErrorWouldBeRetriedCaughtOrFail() {
    String retried = """
        {"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:down",
         "Retry":[{"ErrorEquals":["Payment.Unavailable"]}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Void"}],"End":true}""";
    TestStateResponse r = sfn.testState(b -> b.definition(retried).roleArn("arn:aws:iam::000000000000:role/any").input("{}"));
    assertThat(r.status()).isEqualTo(TestExecutionStatus.RETRIABLE);
    assertThat(r.error()).isEqualTo("Payment.Unavailable");

    String caught = retried.replace("\"Retry\":[{\"ErrorEquals\":[\"Payment.Unavailable\"]}],", "");
    r = sfn.testState(b -> b.definition(caught).roleArn("arn:aws:iam::000000000000:role/any").input("{}"));
    assertThat(r.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
    assertThat(r.nextState()).isEqualTo("Void");
    // the error output a catcher passes on; a Lambda function's Cause is its error JSON
    assertThat(Json.parse(r.output()).get("Error").asText()).isEqualTo("Payment.Unavailable");
    assertThat(Json.parse(Json.parse(r.output()).get("Cause").asText()).get("errorMessage").asText()).isEqualTo("try later");

    String failing = "{\"Type\":\"Task\",\"Resource\":\"arn:aws:lambda:us-east-1:000000000000:function:down\",\"End\":true}";
    r = sfn.testState(b -> b.definition(failing).roleArn("arn:aws:iam::000000000000:role/any").input("{}"));
    assertThat(r.status()).isEqualTo(TestExecutionStatus.FAILED);
    assertThat(r.error()).isEqualTo("Payment.Unavailable");
    assertThat(r.cause()).contains("try later");
  }

  @Test
  void testStateTakesVariablesAndRunsJsonata() {
    String state = """
        {"Type":"Pass","QueryLanguage":"JSONata","Output":{"total":"{% $sum($states.input.prices) * $rate %}"},"End":true}""";
    TestStateResponse r = sfn.testState(b -> b.definition(state).roleArn("arn:aws:iam::000000000000:role/any")
        .input("{\"prices\":[1,2]}").variables("{\"rate\":10}"));
    assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
    assertThat(r.output()).isEqualTo("{\"total\":30}");
  }

  @Test
  void validateReportsEachProblemWithItsCodeAndLocation() {
    ValidateStateMachineDefinitionResponse ok = sfn.validateStateMachineDefinition(b -> b.definition(
        "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}"));
    assertThat(ok.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
    assertThat(ok.diagnostics()).isEmpty();

    ValidateStateMachineDefinitionResponse bad = sfn.validateStateMachineDefinition(b -> b.definition(
        "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"Nope\"}}}"));
    assertThat(bad.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
    assertThat(bad.diagnostics()).anySatisfy(d -> {
      assertThat(d.code()).isEqualTo("MISSING_TRANSITION_TARGET");
      assertThat(d.location()).isEqualTo("/States/A/Next");
      assertThat(d.severityAsString()).isEqualTo("ERROR");
    });
  }

  @Test
  void startSyncExecutionRunsAnExpressMachineToItsEnd() {
    String arn = sfn.createStateMachine(b -> b.name("sync-express").type(StateMachineType.EXPRESS)
        .roleArn("arn:aws:iam::000000000000:role/any")
        .definition("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Parameters\":{\"doubled.$\":\"States.MathAdd($.n, $.n)\"},\"End\":true}}}"))
        .stateMachineArn();
    var done = sfn.startSyncExecution(b -> b.stateMachineArn(arn).input("{\"n\":21}"));
    assertThat(done.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("{\"doubled\":42}");

    String standard = sfn.createStateMachine(b -> b.name("sync-standard").roleArn("arn:aws:iam::000000000000:role/any")
        .definition("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}")).stateMachineArn();
    assertThatThrownBy(() -> sfn.startSyncExecution(b -> b.stateMachineArn(standard)))
        .isInstanceOf(StateMachineTypeNotSupportedException.class);
  }
}

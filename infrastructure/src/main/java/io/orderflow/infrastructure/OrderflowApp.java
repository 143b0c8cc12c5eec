package io.orderflow.infrastructure;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

/** The CDK app: one stack, checked by cdk-nag's AWS Solutions rules (a finding fails synth). */
public final class OrderflowApp {

  public static final String STACK_NAME = "orderflow";

  private OrderflowApp() {}

  public static void main(String[] args) {
    App app = new App();
    new OrderflowStack(
        app,
        STACK_NAME,
        StackProps.builder()
            .description("orderflow: serverless order processing for online shops")
            .build(),
        RepositoryLayout.locate(),
        OrderflowStack.Settings.fromContext(app));
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    app.synth();
  }
}

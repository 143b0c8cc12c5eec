package io.orderflow.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** The app as `cdk synth` builds it: cdk-nag's AWS Solutions rules over the whole stack. */
class NagComplianceTest {

  private static OrderflowStack stack;

  @BeforeAll
  static void synthesizeWithNag() {
    App app = new App();
    stack = SynthesizedStack.build(app);
    Aspects.of(app).add(new AwsSolutionsChecks());
  }

  @Test
  void noAwsSolutionsFindingIsLeftUnsuppressed() {
    Annotations annotations = Annotations.fromStack(stack);
    List<SynthesisMessage> findings = new ArrayList<>();
    findings.addAll(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")));
    findings.addAll(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")));

    assertThat(findings)
        .extracting(finding -> finding.getId() + ": " + finding.getEntry().getData())
        .isEmpty();
  }

  @Test
  void noCdkWarningIsLeftUnacknowledged() {
    assertThat(Annotations.fromStack(stack).findWarning("*", Match.anyValue()))
        .extracting(warning -> warning.getId() + ": " + warning.getEntry().getData())
        .isEmpty();
  }

  @Test
  void everySuppressionExplainsItself() {
    List<Map<String, Object>> suppressions = new ArrayList<>();
    Template.fromStack(stack).toJSON().values().stream()
        .filter(Map.class::isInstance)
        .flatMap(section -> SynthesizedStack.map(section).values().stream())
        .filter(Map.class::isInstance)
        .map(resource -> SynthesizedStack.map(resource).get("Metadata"))
        .filter(Map.class::isInstance)
        .map(metadata -> SynthesizedStack.map(metadata).get("cdk_nag"))
        .filter(Map.class::isInstance)
        .forEach(
            nag ->
                SynthesizedStack.oneOrMany(SynthesizedStack.map(nag).get("rules_to_suppress"))
                    .forEach(rule -> suppressions.add(SynthesizedStack.map(rule))));

    assertThat(suppressions)
        .isNotEmpty()
        .allSatisfy(rule -> assertThat((String) rule.get("reason")).hasSizeGreaterThan(60));
  }
}

package io.orderflow.infrastructure;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.Arrays;
import java.util.List;
import software.constructs.IConstruct;

/**
 * cdk-nag suppressions, always with the reason written next to the resource they excuse. A
 * suppression may be narrowed to findings matching regular expressions (cdk-nag's {@code
 * appliesTo}), so a new wildcard elsewhere on the same resource is still reported.
 */
final class Nag {

  private Nag() {}

  static void suppress(IConstruct construct, String rule, String reason, String... findingRegexes) {
    NagPackSuppression.Builder suppression =
        NagPackSuppression.builder().id("AwsSolutions-" + rule).reason(reason);
    if (findingRegexes.length > 0) {
      List<Object> appliesTo =
          Arrays.stream(findingRegexes)
              .<Object>map(regex -> RegexAppliesTo.builder().regex("/" + regex + "/").build())
              .toList();
      suppression.appliesTo(appliesTo);
    }
    NagSuppressions.addResourceSuppressions(construct, List.of(suppression.build()), true);
  }
}

package io.orderflow.infrastructure;

import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.Metrics;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One handler of the shared jar as a Lambda function: {@code java21} on arm64, SnapStart on the
 * version published behind the {@code live} alias (callers always invoke the alias, so they get the
 * snapshot), its own role that can write only its own log group until grants add more.
 */
public final class JavaFunction extends Construct {

  public record Props(
      LambdaFunction spec,
      Code code,
      Map<String, String> environment,
      RetentionDays logRetention) {}

  public static final String ALIAS = "live";

  /** Most handlers are short-lived glue: C1 compiles fast enough and starts much sooner. */
  static final String TIERED_COMPILATION = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

  private final Function function;
  private final Alias alias;
  private final Role role;

  public JavaFunction(Construct scope, String id, Props props) {
    super(scope, id);
    LambdaFunction spec = props.spec();
    LogGroup logs = LogGroup.Builder.create(this, "Logs").retention(props.logRetention()).build();
    role =
        Role.Builder.create(this, "Role")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description("orderflow " + spec.baseName() + " function")
            .build();
    logs.grantWrite(role);

    Map<String, String> environment = new LinkedHashMap<>(props.environment());
    environment.put("POWERTOOLS_SERVICE_NAME", spec.localName());
    environment.put("POWERTOOLS_METRICS_NAMESPACE", Metrics.NAMESPACE);
    environment.put("JAVA_TOOL_OPTIONS", TIERED_COMPILATION);

    function =
        Function.Builder.create(this, "Function")
            .description("orderflow " + spec.baseName() + ": " + spec.handlerClass())
            .runtime(Runtime.JAVA_21)
            .architecture(Architecture.ARM_64)
            .code(props.code())
            .handler(spec.handlerClass())
            .memorySize(spec.memoryMb())
            .timeout(Duration.seconds(spec.timeout().toSeconds()))
            .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
            .role(role)
            .logGroup(logs)
            .environment(environment)
            .build();
    alias =
        Alias.Builder.create(this, "Live")
            .aliasName(ALIAS)
            .version(function.getCurrentVersion())
            .build();
    Annotations.of(function)
        .acknowledgeWarning(
            "@aws-cdk/aws-lambda:snapStartRequirePublish",
            "Every caller invokes the live alias, which points at the published current version.");
  }

  /** What every caller invokes: the published SnapStart version. */
  public IFunction alias() {
    return alias;
  }

  /** The function itself, for metrics across all its versions. */
  public IFunction function() {
    return function;
  }

  public IRole role() {
    return role;
  }
}

package io.orderflow.infrastructure;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The carriers' webhook signing secrets in Secrets Manager: one JSON object, a generated secret per
 * carrier name (the {@code {carrier}} of the webhook path). Give each value to its carrier.
 */
public final class CarrierSecrets extends Construct {

  public record Props(String carrier) {}

  /** Where the secrets are, for a function that reads them from Secrets Manager itself. */
  public static final String ARN_VARIABLE = "CARRIER_SECRETS_ARN";

  /**
   * {@code carrier=secret} pairs, as {@code io.orderflow.track.EnvironmentCarrierSecrets} reads
   * them; filled by CloudFormation from the secret at deploy time, never written into the template.
   */
  public static final String PAIRS_VARIABLE = "CARRIER_SECRETS";

  private final Secret secret;
  private final String carrier;

  public CarrierSecrets(Construct scope, String id, Props props) {
    super(scope, id);
    carrier = props.carrier();
    secret =
        Secret.Builder.create(this, "Secret")
            .description("orderflow carrier webhook signing secrets, a JSON object by carrier name")
            .generateSecretString(
                SecretStringGenerator.builder()
                    .secretStringTemplate("{}")
                    .generateStringKey(carrier)
                    .excludePunctuation(true)
                    .passwordLength(48)
                    .build())
            .build();
    Nag.suppress(
        secret,
        "SMG4",
        "Each signing secret is shared with its carrier and changes only together with the"
            + " carrier's side; the webhook accepts several signatures so both are valid during"
            + " a manual rotation (API.md). An automatic rotation would break every webhook.");
  }

  /** The environment of a function that verifies carrier signatures. */
  public Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put(ARN_VARIABLE, secret.getSecretArn());
    environment.put(
        PAIRS_VARIABLE, carrier + "=" + secret.secretValueFromJson(carrier).unsafeUnwrap());
    return environment;
  }

  public void grantRead(IGrantable grantee) {
    secret.grantRead(grantee);
  }
}

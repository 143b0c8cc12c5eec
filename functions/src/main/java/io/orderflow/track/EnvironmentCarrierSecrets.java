package io.orderflow.track;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Carrier secrets from the function's environment: {@code CARRIER_SECRETS} holds comma-separated
 * {@code carrier=secret} pairs, and {@code ORDERFLOW_CARRIER_SECRET} the simulated carrier's
 * secret, which the local stack passes (it has no default here on purpose: a deployed function
 * must never fall back to a well-known secret).
 *
 * <p>Deployed on AWS, the secrets live in Secrets Manager (the secret named by {@code
 * CARRIER_SECRETS_ARN}); the infrastructure stack puts them into the function's {@code
 * CARRIER_SECRETS} through a deploy-time dynamic reference, so this one class serves both. Should
 * they ever need to stay out of the function configuration, a port implementation that reads the
 * secret once at init replaces this class without touching the verifier.
 */
public final class EnvironmentCarrierSecrets implements CarrierSecrets {

  static final String SIMULATED_CARRIER = "simcarrier";

  private final Map<String, String> secrets;

  public EnvironmentCarrierSecrets(Map<String, String> environment) {
    Map<String, String> parsed = new HashMap<>();
    String simulated = environment.get("ORDERFLOW_CARRIER_SECRET");
    if (simulated != null && !simulated.isBlank()) {
      parsed.put(SIMULATED_CARRIER, simulated);
    }
    String pairs = environment.getOrDefault("CARRIER_SECRETS", "");
    for (String pair : pairs.split(",")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && equals < pair.length() - 1) {
        parsed.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
      }
    }
    this.secrets = Map.copyOf(parsed);
  }

  public static EnvironmentCarrierSecrets fromSystem() {
    return new EnvironmentCarrierSecrets(System.getenv());
  }

  @Override
  public Optional<String> secretFor(String carrier) {
    return Optional.ofNullable(secrets.get(carrier));
  }
}

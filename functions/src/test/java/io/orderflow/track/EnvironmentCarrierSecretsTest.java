package io.orderflow.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentCarrierSecretsTest {

  @Test
  void readsCarrierSecretPairsAndTheSimulatedCarriersSecret() {
    CarrierSecrets secrets = new EnvironmentCarrierSecrets(Map.of(
        "CARRIER_SECRETS", "acme=a1, globex=g=2",
        "ORDERFLOW_CARRIER_SECRET", "local-dev-carrier-secret"));

    assertThat(secrets.secretFor("acme")).contains("a1");
    assertThat(secrets.secretFor("globex")).as("secrets may contain '='").contains("g=2");
    assertThat(secrets.secretFor("simcarrier")).contains("local-dev-carrier-secret");
    assertThat(secrets.secretFor("initech")).isEmpty();
  }

  @Test
  void hasNoBuiltInSecret() {
    assertThat(new EnvironmentCarrierSecrets(Map.of()).secretFor("simcarrier")).isEmpty();
  }
}

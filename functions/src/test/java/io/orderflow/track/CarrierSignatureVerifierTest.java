package io.orderflow.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CarrierSignatureVerifierTest {

  static final String SECRET = "s3cret";
  static final String NOW = "1795575600";
  static final String BODY = "{\"eventId\":\"evt-1\"}";

  final MutableClock clock = MutableClock.at("2026-11-25T03:00:00Z");
  final CarrierSignatureVerifier verifier =
      new CarrierSignatureVerifier(new EnvironmentCarrierSecrets(Map.of("CARRIER_SECRETS", "acme=" + SECRET)), clock);

  @Test
  void acceptsTheCarriersSignatureOfTheTimestampAndBody() {
    assertThat(verifier.verify("acme", NOW, CarrierSignatureVerifier.sign(SECRET, NOW, BODY), BODY)).isTrue();
  }

  @Test
  void refusesASignatureOfAnotherBodyTimestampOrSecret() {
    assertThat(verifier.verify("acme", NOW, CarrierSignatureVerifier.sign(SECRET, NOW, "{}"), BODY)).isFalse();
    assertThat(verifier.verify("acme", NOW, CarrierSignatureVerifier.sign(SECRET, "1795575599", BODY), BODY)).isFalse();
    assertThat(verifier.verify("acme", NOW, CarrierSignatureVerifier.sign("other", NOW, BODY), BODY)).isFalse();
  }

  @Test
  void acceptsTimestampsUpToFiveMinutesAwayInEitherDirection() {
    String signature = CarrierSignatureVerifier.sign(SECRET, NOW, BODY);

    clock.advance(Duration.ofSeconds(300));
    assertThat(verifier.verify("acme", NOW, signature, BODY)).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(verifier.verify("acme", NOW, signature, BODY)).as("301 s old").isFalse();
    clock.advance(Duration.ofSeconds(-601));
    assertThat(verifier.verify("acme", NOW, signature, BODY)).as("300 s ahead").isTrue();
    clock.advance(Duration.ofSeconds(-1));
    assertThat(verifier.verify("acme", NOW, signature, BODY)).as("301 s ahead").isFalse();
  }

  @Test
  void duringRotationAnyOfSeveralSignaturesMayMatch() {
    String rotated = CarrierSignatureVerifier.sign("old-secret", NOW, BODY) + ", "
        + CarrierSignatureVerifier.sign(SECRET, NOW, BODY);

    assertThat(verifier.verify("acme", NOW, rotated, BODY)).isTrue();
  }

  @Test
  void refusesGarbledHeadersAndUnknownCarriers() {
    String signature = CarrierSignatureVerifier.sign(SECRET, NOW, BODY);

    assertThat(verifier.verify("acme", "yesterday", signature, BODY)).isFalse();
    assertThat(verifier.verify("acme", NOW, signature.replace("v1=", "v0="), BODY)).isFalse();
    assertThat(verifier.verify("acme", NOW, "v1=not-hex", BODY)).isFalse();
    assertThat(verifier.verify("acme", null, signature, BODY)).isFalse();
    assertThat(verifier.verify("acme", NOW, null, BODY)).isFalse();
    assertThat(verifier.verify("globex", NOW, signature, BODY)).isFalse();
  }
}

package io.orderflow.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokensTest {

  @Test
  void aTokenFromOneProcessIsAcceptedByAnotherWithTheSameSecret() {
    String token = new Tokens("shared", Clock.systemUTC()).issue("customer-1", false);

    assertThat(new Tokens("shared", Clock.systemUTC()).verify(token))
        .hasValueSatisfying(claims -> assertThat(claims)
            .containsEntry("sub", "customer-1")
            .doesNotContainKey("cognito:groups"));
    assertThat(new Tokens("other", Clock.systemUTC()).verify(token)).isEmpty();
  }

  @Test
  void tamperingWithTheClaimsBreaksTheSignature() {
    Tokens tokens = new Tokens("shared", Clock.systemUTC());
    String[] parts = tokens.issue("customer-1", false).split("\\.");
    String forgedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"sub\":\"customer-1\",\"iss\":\"orderflow-local\",\"exp\":99999999999,\"cognito:groups\":[\"ops\"]}".getBytes(StandardCharsets.UTF_8));

    assertThat(tokens.verify(parts[0] + "." + forgedClaims + "." + parts[2])).isEmpty();
    assertThat(tokens.verify(tokens.issue("alice", true)))
        .hasValueSatisfying(claims -> assertThat(claims).containsEntry("cognito:groups", "ops"));
  }
}

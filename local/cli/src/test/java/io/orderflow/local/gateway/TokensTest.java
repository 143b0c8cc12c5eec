package io.orderflow.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Date;
import java.util.List;
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

  @Test
  void groupsReachTheHandlerExactlyNeverTrimmedOrJoinedByCommas() throws Exception {
    Tokens tokens = new Tokens("shared", Clock.systemUTC());

    assertThat(groupsOf(tokens, List.of(" ops"))).isEqualTo(" ops");
    assertThat(groupsOf(tokens, List.of("x,ops"))).isEqualTo("x,ops");
    assertThat(groupsOf(tokens, List.of("x", "ops"))).isEqualTo("[\"x\",\"ops\"]");
    assertThat(groupsOf(tokens, List.of("ops"))).isEqualTo("ops");
  }

  /** The groups claim the gateway passes on for a validly signed token with {@code groups}. */
  private static String groupsOf(Tokens tokens, List<String> groups) throws Exception {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .subject("customer-1")
        .issuer(Tokens.ISSUER)
        .expirationTime(Date.from(Instant.now().plusSeconds(600)))
        .claim(Tokens.GROUPS_CLAIM, groups)
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(MessageDigest.getInstance("SHA-256").digest("shared".getBytes(StandardCharsets.UTF_8))));
    return tokens.verify(jwt.serialize()).orElseThrow().get(Tokens.GROUPS_CLAIM);
  }
}

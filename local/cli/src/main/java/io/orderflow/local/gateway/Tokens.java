package io.orderflow.local.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.orderflow.platform.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issues and checks the JWTs of the local gateway, standing in for the Cognito user pool and its
 * authorizer. The HS256 key is derived from a dev secret, so {@code orderflow token} in one process
 * prints tokens that {@code orderflow serve} in another accepts.
 */
public final class Tokens {

  /** Overrides the dev secret, e.g. to share tokens only within a team. */
  public static final String SECRET_VARIABLE = "ORDERFLOW_JWT_SECRET";

  static final String DEV_SECRET = "orderflow-local-dev-jwt-secret";
  static final String ISSUER = "orderflow-local";
  static final String GROUPS_CLAIM = "cognito:groups";
  private static final Duration LIFETIME = Duration.ofHours(12);

  private final byte[] key;
  private final Clock clock;

  public Tokens(String secret, Clock clock) {
    this.key = sha256(secret);
    this.clock = clock;
  }

  /** The dev secret, or {@value #SECRET_VARIABLE} if set. */
  public static Tokens fromEnvironment() {
    String secret = System.getenv(SECRET_VARIABLE);
    return new Tokens(secret == null || secret.isBlank() ? DEV_SECRET : secret, Clock.systemUTC());
  }

  /** A signed token for {@code subject}, in the {@code ops} group if asked. */
  public String issue(String subject, boolean ops) {
    Instant now = clock.instant();
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .subject(subject)
        .issuer(ISSUER)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(LIFETIME)))
        .claim("token_use", "id");
    if (ops) {
      claims.claim(GROUPS_CLAIM, List.of("ops"));
    }
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
    try {
      jwt.sign(new MACSigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return jwt.serialize();
  }

  /**
   * The claims of a valid token as API Gateway's Cognito authorizer passes them to a REST proxy
   * integration ({@code requestContext.authorizer.claims}): every value a string, the groups as
   * {@link #groupsClaim} writes them. Empty for a malformed, forged, foreign or expired token.
   */
  public Optional<Map<String, String>> verify(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key))) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Date expiry = claims.getExpirationTime();
      if (claims.getSubject() == null || !ISSUER.equals(claims.getIssuer())
          || expiry == null || !expiry.toInstant().isAfter(clock.instant())) {
        return Optional.empty();
      }
      Map<String, String> verified = new LinkedHashMap<>();
      verified.put("sub", claims.getSubject());
      verified.put("iss", claims.getIssuer());
      verified.put("exp", String.valueOf(expiry.toInstant().getEpochSecond()));
      List<String> groups = claims.getStringListClaim(GROUPS_CLAIM);
      if (groups != null && !groups.isEmpty()) {
        verified.put(GROUPS_CLAIM, groupsClaim(groups));
      }
      return Optional.of(verified);
    } catch (ParseException | JOSEException e) {
      return Optional.empty();
    }
  }

  /**
   * One group as itself ({@code "ops"}, what the Cognito authorizer passes for a user in one
   * group), several as a JSON array text. Never joined with commas: a group named {@code "x,ops"}
   * would then read as two groups, one of them ops.
   */
  static String groupsClaim(List<String> groups) {
    return groups.size() == 1 ? groups.get(0) : Json.write(groups);
  }

  private static byte[] sha256(String secret) {
    try {
      // HS256 wants a 256-bit key; hashing lets any passphrase serve as the secret.
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

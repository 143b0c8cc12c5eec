package io.orderflow.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Who calls: the JWT subject (the customer id) and whether they are in the {@code ops} group. API
 * Gateway's Cognito authorizer (and the local gateway) put the verified claims under {@code
 * requestContext.authorizer.claims}; the handler trusts nothing else.
 */
public record Caller(String customerId, boolean ops) {

  private static final String OPS_GROUP = "ops";

  static Optional<Caller> of(APIGatewayProxyRequestEvent event) {
    if (event.getRequestContext() == null
        || event.getRequestContext().getAuthorizer() == null
        || !(event.getRequestContext().getAuthorizer().get("claims") instanceof Map<?, ?> claims)
        || !(claims.get("sub") instanceof String sub)
        || sub.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new Caller(sub, inOpsGroup(claims.get("cognito:groups"))));
  }

  /**
   * API Gateway flattens the groups claim into a string: {@code "ops"}, {@code "ops,admin"} or
   * {@code "[ops admin]"}; a JSON list is accepted too.
   */
  private static boolean inOpsGroup(Object groups) {
    if (groups instanceof Collection<?> list) {
      return list.contains(OPS_GROUP);
    }
    if (groups instanceof String text) {
      String bare = text.strip().replaceAll("^\\[|]$", "");
      return Arrays.asList(bare.split("[,\\s]+")).contains(OPS_GROUP);
    }
    return false;
  }
}

package io.orderflow.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.orderflow.platform.Json;
import java.util.Collection;
import java.util.List;
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
   * Exactly the group {@code ops}: the claim is {@code "ops"} itself, or a list (or a JSON array
   * text) with an element that is exactly {@code "ops"}. Nothing is trimmed or split: Cognito group
   * names may contain commas, so a group named {@code "x,ops"} or {@code " ops"} must never read as
   * {@code ops}. An ops engineer on AWS is therefore best in the ops group alone.
   */
  static boolean inOpsGroup(Object groups) {
    if (groups instanceof Collection<?> list) {
      return list.contains(OPS_GROUP);
    }
    if (groups instanceof String text) {
      return text.equals(OPS_GROUP) || (text.startsWith("[") && jsonArray(text).contains(OPS_GROUP));
    }
    return false;
  }

  private static List<String> jsonArray(String text) {
    try {
      List<String> groups = Json.MAPPER.readValue(text, new TypeReference<List<String>>() {});
      return groups == null ? List.of() : groups;
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }
}

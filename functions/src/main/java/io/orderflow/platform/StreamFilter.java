package io.orderflow.platform;

import java.util.Objects;

/**
 * Which records of a table's stream reach a function. CDK turns it into the event source
 * mapping's filter (so other changes cost no invocation), the local stack's poller applies it the
 * same way, and the function checks it again for whatever reaches it anyway.
 *
 * @param eventName INSERT, MODIFY or REMOVE
 * @param ttlDeletionsOnly only the removals DynamoDB itself makes when an item's TTL passes
 * @param sortKeyPrefix only items whose sort key starts with this
 */
public record StreamFilter(String eventName, boolean ttlDeletionsOnly, String sortKeyPrefix) {

  /** How a stream record names DynamoDB's own TTL deletions ({@code userIdentity}). */
  public static final String TTL_IDENTITY_TYPE = "Service";

  public static final String TTL_PRINCIPAL = "dynamodb.amazonaws.com";

  public StreamFilter {
    Objects.requireNonNull(eventName, "eventName");
    Objects.requireNonNull(sortKeyPrefix, "sortKeyPrefix");
  }

  /** A record with these fields passes; {@code identityType} and {@code principalId} may be null. */
  public boolean matches(String recordEventName, String identityType, String principalId, String sortKey) {
    boolean byTtl = TTL_IDENTITY_TYPE.equals(identityType) && TTL_PRINCIPAL.equals(principalId);
    return eventName.equals(recordEventName)
        && (!ttlDeletionsOnly || byTtl)
        && sortKey != null
        && sortKey.startsWith(sortKeyPrefix);
  }
}

package io.orderflow.reserve;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import io.orderflow.store.Adapters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Consumes the Inventory table's stream: each reservation that DynamoDB deleted at its TTL gives
 * its units back to sale ({@link ReservationService#returnExpired}). The event source mapping lets
 * only TTL removals through; anything else found here is skipped. A stream is ordered, so the
 * first record that fails is reported and Lambda retries from it, the records after it included.
 */
public final class ExpiredReservationHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

  private static final Logger LOG = LogManager.getLogger(ExpiredReservationHandler.class);

  /** Who deletes an item when its TTL passes, as the stream's {@code userIdentity} names it. */
  static final String TTL_PRINCIPAL = "dynamodb.amazonaws.com";

  private static final String RESERVATION_PREFIX = "RESERVATION#";

  /** A reservation the TTL removed. */
  record ExpiredReservation(String orderId, String sku, int quantity) {}

  private final ReservationService reservations;

  public ExpiredReservationHandler() {
    this(ReleaseInventoryHandler.settling(Adapters.shared()));
  }

  public ExpiredReservationHandler(ReservationService reservations) {
    this.reservations = reservations;
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    for (DynamodbStreamRecord record : event.getRecords()) {
      Optional<ExpiredReservation> expired = expiredReservation(record);
      if (expired.isEmpty()) {
        continue;
      }
      ExpiredReservation reservation = expired.get();
      try {
        if (reservations.returnExpired(reservation.orderId(), reservation.sku(), reservation.quantity())) {
          // Worth a look: the order's workflow ended without settling its stock.
          LOG.warn("reservation of {} x {} for order {} expired; the units are back on sale",
              reservation.quantity(), reservation.sku(), reservation.orderId());
        }
      } catch (RuntimeException e) {
        LOG.error("could not return the expired reservation {}; the stream retries from it", reservation, e);
        return new StreamsEventResponse(List.of(new BatchItemFailure(record.getDynamodb().getSequenceNumber())));
      }
    }
    return new StreamsEventResponse(List.of());
  }

  static Optional<ExpiredReservation> expiredReservation(DynamodbStreamRecord record) {
    Identity identity = record.getUserIdentity();
    boolean removedByTtl = "REMOVE".equals(record.getEventName())
        && identity != null
        && "Service".equals(identity.getType())
        && TTL_PRINCIPAL.equals(identity.getPrincipalId());
    Map<String, AttributeValue> image = record.getDynamodb() == null ? null : record.getDynamodb().getOldImage();
    if (!removedByTtl || image == null) {
      return Optional.empty();
    }
    String sortKey = string(image, "sk");
    String sku = string(image, "sku");
    AttributeValue quantity = image.get("quantity");
    if (sortKey == null || !sortKey.startsWith(RESERVATION_PREFIX) || sku == null || quantity == null
        || quantity.getN() == null) {
      return Optional.empty();
    }
    return Optional.of(new ExpiredReservation(
        sortKey.substring(RESERVATION_PREFIX.length()), sku, Integer.parseInt(quantity.getN())));
  }

  private static String string(Map<String, AttributeValue> image, String name) {
    AttributeValue value = image.get(name);
    return value == null ? null : value.getS();
  }
}

package io.orderflow.reserve;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.StreamFilter;
import io.orderflow.platform.StreamHandler;
import io.orderflow.platform.Table;
import io.orderflow.store.Adapters;
import io.orderflow.store.StreamRecords;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Consumes the Inventory table's stream: each reservation that DynamoDB deleted at its TTL gives
 * its units back to sale ({@link ReservationService#returnExpired}). The event source mapping lets
 * only TTL removals through; anything else found here is skipped.
 */
public final class ExpiredReservationHandler extends StreamHandler<ExpiredReservationHandler.ExpiredReservation> {

  private static final Logger LOG = LogManager.getLogger(ExpiredReservationHandler.class);

  private static final StreamFilter EXPIRED = LambdaFunction.EXPIRE_RESERVATIONS.streamFilter().orElseThrow();

  /** A reservation the TTL removed. */
  record ExpiredReservation(String orderId, String customerId, String sku, int quantity) {}

  private final ReservationService reservations;

  public ExpiredReservationHandler() {
    this(ReleaseInventoryHandler.settling(Adapters.shared()));
  }

  public ExpiredReservationHandler(ReservationService reservations) {
    this.reservations = reservations;
  }

  @Override
  protected void handle(ExpiredReservation reservation) {
    if (reservations.returnExpired(
        reservation.orderId(), reservation.customerId(), reservation.sku(), reservation.quantity())) {
      // Worth a look: the order's workflow ended without settling its stock.
      LOG.warn("reservation of {} x {} for order {} expired; the units are back on sale",
          reservation.quantity(), reservation.sku(), reservation.orderId());
    }
  }

  @Override
  protected Optional<ExpiredReservation> read(DynamodbStreamRecord record) {
    Map<String, AttributeValue> image = record.getDynamodb() == null ? null : record.getDynamodb().getOldImage();
    if (!StreamRecords.passes(EXPIRED, record) || image == null) {
      return Optional.empty();
    }
    String sortKey = StreamRecords.string(record.getDynamodb().getKeys(), Table.SORT_KEY);
    String sku = StreamRecords.string(image, "sku");
    AttributeValue quantity = image.get("quantity");
    if (sku == null || quantity == null || quantity.getN() == null) {
      return Optional.empty();
    }
    // Null for a reservation made before holds were counted: it is on no customer's count.
    String customerId = StreamRecords.string(image, "customerId");
    return Optional.of(new ExpiredReservation(
        sortKey.substring(EXPIRED.sortKeyPrefix().length()), customerId, sku, Integer.parseInt(quantity.getN())));
  }
}

package io.orderflow.local;

import io.orderflow.api.OrdersApiHandler;
import io.orderflow.dispatch.DispatchOrderHandler;
import io.orderflow.dispatch.DispatchService;
import io.orderflow.local.carrier.CarrierSimulator;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.reserve.ReleaseInventoryHandler;
import io.orderflow.reserve.ReservationService;
import io.orderflow.reserve.ReserveInventoryHandler;
import io.orderflow.store.Adapters;
import io.orderflow.track.CarrierSecrets;
import io.orderflow.track.CarrierSignatureVerifier;
import io.orderflow.track.CarrierWebhookHandler;
import io.orderflow.track.TrackingService;
import io.orderflow.validate.OrderValidation;
import io.orderflow.validate.ValidateOrderHandler;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local composition root: one instance of every function's handler, built through its
 * dependency constructor over the stack's adapters. Configuration a deployed function reads from
 * its environment is passed here explicitly, so the local stack needs no environment variables.
 */
final class LocalHandlers {

  private LocalHandlers() {}

  static Map<LambdaFunction, Object> create(Adapters adapters, String carrierSecret) {
    ReservationService reservations = new ReservationService(
        adapters.orders(), adapters.inventory(), adapters.queues(), adapters.clock(), ReservationService.DEFAULT_TTL);
    CarrierSecrets secrets = carrier -> CarrierSimulator.CARRIER.equals(carrier)
        ? Optional.of(carrierSecret)
        : Optional.empty();

    Map<LambdaFunction, Object> handlers = new EnumMap<>(LambdaFunction.class);
    handlers.put(LambdaFunction.API, new OrdersApiHandler(adapters));
    handlers.put(LambdaFunction.VALIDATE, new ValidateOrderHandler(
        new OrderValidation(adapters.orders(), adapters.catalog(), adapters.queues(), adapters.clock())));
    handlers.put(LambdaFunction.RESERVE, new ReserveInventoryHandler(reservations));
    handlers.put(LambdaFunction.RELEASE, new ReleaseInventoryHandler(reservations));
    handlers.put(LambdaFunction.DISPATCH, new DispatchOrderHandler(new DispatchService(
        adapters.orders(), adapters.catalog(), adapters.queues(), adapters.callbacks(), adapters.clock(),
        CarrierSimulator.CARRIER)));
    handlers.put(LambdaFunction.TRACK, new CarrierWebhookHandler(
        new CarrierSignatureVerifier(secrets, adapters.clock()),
        new TrackingService(adapters.orders(), adapters.inventory(), adapters.queues(), adapters.callbacks(),
            adapters.idempotency(), adapters.clock())));
    return handlers;
  }
}

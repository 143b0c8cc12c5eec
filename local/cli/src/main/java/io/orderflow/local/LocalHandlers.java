package io.orderflow.local;

import io.orderflow.aftersales.AftersalesApiHandler;
import io.orderflow.aftersales.returns.AwaitReturnHandler;
import io.orderflow.aftersales.returns.CloseReturnHandler;
import io.orderflow.aftersales.returns.CompleteExchangeHandler;
import io.orderflow.aftersales.returns.PlaceReplacementHandler;
import io.orderflow.aftersales.returns.RefundReturnHandler;
import io.orderflow.aftersales.returns.ReviewReturnHandler;
import io.orderflow.aftersales.tickets.TicketRouterHandler;
import io.orderflow.api.OrdersApiHandler;
import io.orderflow.charge.AuthorizePaymentHandler;
import io.orderflow.charge.CapturePaymentHandler;
import io.orderflow.charge.PaymentService;
import io.orderflow.charge.VoidPaymentHandler;
import io.orderflow.dispatch.DispatchOrderHandler;
import io.orderflow.dispatch.DispatchService;
import io.orderflow.intake.FulfillmentStarter;
import io.orderflow.intake.OrderIntakeHandler;
import io.orderflow.local.carrier.CarrierSimulator;
import io.orderflow.order.AwaitOrderEventHandler;
import io.orderflow.order.AwaitOrderEvents;
import io.orderflow.order.CloseOrderHandler;
import io.orderflow.order.OrderClosing;
import io.orderflow.outbox.OutboxRelayHandler;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.refund.RefundPaymentHandler;
import io.orderflow.refund.RefundService;
import io.orderflow.reserve.ExpiredReservationHandler;
import io.orderflow.reserve.ReleaseInventoryHandler;
import io.orderflow.reserve.ReservationService;
import io.orderflow.reserve.ReserveInventoryHandler;
import io.orderflow.store.Adapters;
import io.orderflow.sweep.SweepMetrics;
import io.orderflow.sweep.SweepStrandedOrdersHandler;
import io.orderflow.track.CarrierSecrets;
import io.orderflow.track.CarrierSignatureVerifier;
import io.orderflow.track.CarrierWebhookHandler;
import io.orderflow.track.TrackingService;
import io.orderflow.validate.OrderValidation;
import io.orderflow.validate.ValidateOrderHandler;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local composition root: one instance of every function's handler, built through its
 * dependency constructor over the stack's adapters. Configuration a deployed function reads from
 * its environment (execution settings, the carrier's secret) comes from the stack's options, so
 * the local stack needs no environment variables.
 */
final class LocalHandlers {

  private LocalHandlers() {}

  /** The payment idempotency lease in the local stack's real time: workflow time, scaled. */
  static Duration paymentLease(LocalStack.Options options) {
    return options.scaled(PaymentService.IDEMPOTENCY_LEASE);
  }

  static Map<LambdaFunction, Object> create(Adapters unscaled, LocalStack.Options options) {
    // The workflows' retries run in scaled time, and a retry after a crash mid-call must outlast
    // the dead call's idempotency claim: so the claim's lease is workflow time too.
    Adapters adapters = unscaled.withPaymentLease(paymentLease(options));
    ReservationService reservations = new ReservationService(
        adapters.orders(), adapters.inventory(), adapters.clock(), ReservationService.DEFAULT_TTL);
    PaymentService payments = new PaymentService(
        adapters.orders(), adapters.payments(), adapters.idempotency(), adapters.clock(),
        adapters.paymentLease());
    CarrierSecrets secrets = carrier -> CarrierSimulator.CARRIER.equals(carrier)
        ? Optional.of(options.carrierSecret())
        : Optional.empty();

    Map<LambdaFunction, Object> handlers = new EnumMap<>(LambdaFunction.class);
    handlers.put(LambdaFunction.API, new OrdersApiHandler(adapters, options.cors()));
    handlers.put(LambdaFunction.INTAKE, new OrderIntakeHandler(
        new FulfillmentStarter(adapters.workflowStarter(), options.executionSettings())));
    handlers.put(LambdaFunction.VALIDATE, new ValidateOrderHandler(
        new OrderValidation(adapters.orders(), adapters.catalog(), adapters.clock())));
    handlers.put(LambdaFunction.RESERVE, new ReserveInventoryHandler(reservations));
    handlers.put(LambdaFunction.RELEASE, new ReleaseInventoryHandler(reservations));
    handlers.put(LambdaFunction.CHARGE, new AuthorizePaymentHandler(payments));
    handlers.put(LambdaFunction.CAPTURE, new CapturePaymentHandler(payments));
    handlers.put(LambdaFunction.VOID, new VoidPaymentHandler(payments));
    handlers.put(LambdaFunction.DISPATCH, new DispatchOrderHandler(new DispatchService(
        adapters.orders(), adapters.catalog(), adapters.queues(), adapters.callbacks(), adapters.clock(),
        CarrierSimulator.CARRIER)));
    handlers.put(LambdaFunction.AWAIT, new AwaitOrderEventHandler(
        new AwaitOrderEvents(adapters.orders(), adapters.callbacks(), adapters.clock())));
    handlers.put(LambdaFunction.TRACK, new CarrierWebhookHandler(
        new CarrierSignatureVerifier(secrets, adapters.clock()),
        new TrackingService(adapters.orders(), adapters.inventory(), adapters.callbacks(),
            adapters.idempotency(), adapters.clock())));
    handlers.put(LambdaFunction.REFUND, new RefundPaymentHandler(new RefundService(
        adapters.orders(), adapters.payments(), adapters.idempotency(), adapters.clock(),
        adapters.paymentLease())));
    handlers.put(LambdaFunction.CLOSE, new CloseOrderHandler(
        new OrderClosing(adapters.orders(), adapters.clock())));
    // The after-sales functions read their policy and agents from the environment, with defaults.
    handlers.put(LambdaFunction.AFTERSALES_API, new AftersalesApiHandler(adapters, options.cors()));
    handlers.put(LambdaFunction.REVIEW_RETURN, new ReviewReturnHandler(adapters));
    handlers.put(LambdaFunction.AWAIT_RETURN, new AwaitReturnHandler(adapters));
    handlers.put(LambdaFunction.CLOSE_RETURN, new CloseReturnHandler(adapters));
    handlers.put(LambdaFunction.PLACE_REPLACEMENT, new PlaceReplacementHandler(adapters));
    handlers.put(LambdaFunction.COMPLETE_EXCHANGE, new CompleteExchangeHandler(adapters));
    handlers.put(LambdaFunction.REFUND_RETURN, new RefundReturnHandler(adapters));
    handlers.put(LambdaFunction.TICKET_ROUTER, new TicketRouterHandler(adapters));
    handlers.put(LambdaFunction.EXPIRE_RESERVATIONS, new ExpiredReservationHandler(reservations));
    handlers.put(LambdaFunction.RELAY_OUTBOX, new OutboxRelayHandler(adapters.queues()));
    handlers.put(LambdaFunction.SWEEP_STRANDED_ORDERS, new SweepStrandedOrdersHandler(
        SweepStrandedOrdersHandler.fromAdapters(adapters, options.sweeper().settings(), options.executionSettings()),
        SweepMetrics.NONE));
    return handlers;
  }
}

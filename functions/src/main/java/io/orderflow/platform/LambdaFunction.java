package io.orderflow.platform;

import java.time.Duration;
import java.util.Optional;

/**
 * Every Lambda function: its handler class, sizing, and the queue or table stream that triggers it
 * (if any). One shaded jar holds them all; each function runs one handler.
 */
public enum LambdaFunction {
  // 20 s: a duplicate POST /orders may wait up to 10 s for the first (API.md); API Gateway allows 29.
  API("api", "io.orderflow.api.OrdersApiHandler", 1024, 20),
  INTAKE("intake", "io.orderflow.intake.OrderIntakeHandler", 512, 20, Queue.ORDER_INTAKE),
  VALIDATE("validate", "io.orderflow.validate.ValidateOrderHandler", 512, 10),
  RESERVE("reserve", "io.orderflow.reserve.ReserveInventoryHandler", 512, 10),
  RELEASE("release", "io.orderflow.reserve.ReleaseInventoryHandler", 512, 10),
  CHARGE("charge", "io.orderflow.charge.AuthorizePaymentHandler", 512, 15),
  CAPTURE("capture", "io.orderflow.charge.CapturePaymentHandler", 512, 15),
  VOID("void", "io.orderflow.charge.VoidPaymentHandler", 512, 15),
  DISPATCH("dispatch", "io.orderflow.dispatch.DispatchOrderHandler", 512, 10),
  AWAIT("await", "io.orderflow.order.AwaitOrderEventHandler", 512, 10),
  // 20 s: a repeated carrier event may wait up to 10 s for the first delivery to be applied.
  TRACK("track", "io.orderflow.track.CarrierWebhookHandler", 512, 20),
  REFUND("refund", "io.orderflow.refund.RefundPaymentHandler", 512, 15),
  CLOSE("close", "io.orderflow.order.CloseOrderHandler", 512, 10),
  AFTERSALES_API("aftersales-api", "io.orderflow.aftersales.AftersalesApiHandler", 1024, 10),
  REVIEW_RETURN("review-return", "io.orderflow.aftersales.returns.ReviewReturnHandler", 512, 10),
  AWAIT_RETURN("await-return", "io.orderflow.aftersales.returns.AwaitReturnHandler", 512, 10),
  CLOSE_RETURN("close-return", "io.orderflow.aftersales.returns.CloseReturnHandler", 512, 10),
  PLACE_REPLACEMENT("place-replacement", "io.orderflow.aftersales.returns.PlaceReplacementHandler", 512, 10),
  COMPLETE_EXCHANGE("complete-exchange", "io.orderflow.aftersales.returns.CompleteExchangeHandler", 512, 10),
  REFUND_RETURN("refund-return", "io.orderflow.aftersales.returns.RefundReturnHandler", 512, 15),
  TICKET_ROUTER(
      "ticket-router", "io.orderflow.aftersales.tickets.TicketRouterHandler", 512, 10, Queue.AFTERSALES_TICKETS),
  EXPIRE_RESERVATIONS(
      "expire-reservations", "io.orderflow.reserve.ExpiredReservationHandler", 512, 30,
      Table.INVENTORY, new StreamFilter("REMOVE", true, Table.RESERVATION_PREFIX)),
  RELAY_OUTBOX(
      "relay-outbox", "io.orderflow.outbox.OutboxRelayHandler", 512, 30,
      Table.ORDERS, new StreamFilter("INSERT", false, Table.OUTBOX_PREFIX)),
  /** Runs on a schedule ({@link #SWEEP_INTERVAL}), not on a queue or stream. */
  SWEEP_STRANDED_ORDERS("sweep-stranded-orders", "io.orderflow.sweep.SweepStrandedOrdersHandler", 512, 120);

  /** How often the sweeper runs: an EventBridge rule on AWS, a timer in the local stack. */
  public static final Duration SWEEP_INTERVAL = Duration.ofMinutes(5);

  private final String baseName;
  private final String handlerClass;
  private final int memoryMb;
  private final int timeoutSeconds;
  private final Queue trigger;
  private final Table streamTrigger;
  private final StreamFilter streamFilter;

  LambdaFunction(String baseName, String handlerClass, int memoryMb, int timeoutSeconds) {
    this(baseName, handlerClass, memoryMb, timeoutSeconds, null, null, null);
  }

  LambdaFunction(String baseName, String handlerClass, int memoryMb, int timeoutSeconds, Queue trigger) {
    this(baseName, handlerClass, memoryMb, timeoutSeconds, trigger, null, null);
  }

  LambdaFunction(
      String baseName, String handlerClass, int memoryMb, int timeoutSeconds, Table streamTrigger, StreamFilter filter) {
    this(baseName, handlerClass, memoryMb, timeoutSeconds, null, streamTrigger, filter);
  }

  LambdaFunction(
      String baseName,
      String handlerClass,
      int memoryMb,
      int timeoutSeconds,
      Queue trigger,
      Table streamTrigger,
      StreamFilter streamFilter) {
    this.baseName = baseName;
    this.handlerClass = handlerClass;
    this.memoryMb = memoryMb;
    this.timeoutSeconds = timeoutSeconds;
    this.trigger = trigger;
    this.streamTrigger = streamTrigger;
    this.streamFilter = streamFilter;
  }

  /** Short name, e.g. {@code reserve}; also the CDK construct id and `orderflow invoke` name. */
  public String baseName() {
    return baseName;
  }

  public String localName() {
    return "orderflow-" + baseName;
  }

  /** Fully qualified handler class, as the Lambda runtime loads it. */
  public String handlerClass() {
    return handlerClass;
  }

  public int memoryMb() {
    return memoryMb;
  }

  public Duration timeout() {
    return Duration.ofSeconds(timeoutSeconds);
  }

  /** The queue whose messages invoke this function, through an event source mapping. */
  public Optional<Queue> trigger() {
    return Optional.ofNullable(trigger);
  }

  /** The table whose stream invokes this function, through an event source mapping. */
  public Optional<Table> streamTrigger() {
    return Optional.ofNullable(streamTrigger);
  }

  /** How often a schedule (an EventBridge rule, a timer locally) invokes this function, if one does. */
  public Optional<Duration> schedule() {
    return this == SWEEP_STRANDED_ORDERS ? Optional.of(SWEEP_INTERVAL) : Optional.empty();
  }

  /** Which records of {@link #streamTrigger()}'s stream reach this function. */
  public Optional<StreamFilter> streamFilter() {
    return Optional.ofNullable(streamFilter);
  }

  /** The ASL placeholder for this function's ARN, e.g. {@code ReserveFunctionArn}. */
  public String placeholder() {
    return Names.pascal(baseName) + "FunctionArn";
  }

  public static Optional<LambdaFunction> byBaseName(String name) {
    for (LambdaFunction function : values()) {
      if (function.baseName.equals(name) || function.localName().equals(name)) {
        return Optional.of(function);
      }
    }
    return Optional.empty();
  }
}

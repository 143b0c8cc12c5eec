package io.orderflow.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.orderflow.charge.PaymentGateway;
import io.orderflow.charge.PaymentService;
import io.orderflow.idempotency.Idempotency;
import io.orderflow.idempotency.IdempotencyStore;
import io.orderflow.order.Catalog;
import io.orderflow.order.IllegalTransition;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderRepository.ConcurrentModification;
import io.orderflow.order.OrderUpdater.OrderNotFound;
import io.orderflow.order.WorkflowCallbacks;
import io.orderflow.platform.ApiRoutes;
import io.orderflow.platform.Cors;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.reserve.HoldLimit;
import io.orderflow.reserve.HoldLimitReached;
import io.orderflow.reserve.Inventory;
import io.orderflow.reserve.ReservationService;
import io.orderflow.store.Adapters;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The shop and ops HTTP API (API.md): every route of {@link ApiRoutes#ALL} served by {@link
 * LambdaFunction#API}. Thin glue: {@link ApiRouter} finds the route, checks who calls, hands the
 * request to its endpoint and renders errors in the one error shape. Bad input answers 4xx, never 5xx.
 */
public final class OrdersApiHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  /** Holds end as orders ship or are cancelled; a minute is a polite pace to ask again. */
  private static final long HOLD_LIMIT_RETRY_AFTER_SECONDS = 60;

  private final ApiRouter router;

  /** For the Lambda runtime: clients are built once per execution environment. */
  public OrdersApiHandler() {
    this(Adapters.shared(), Cors.fromEnvironment(System.getenv()), HoldLimit.fromEnvironment(System.getenv()));
  }

  /** For the local stack, which wires the same adapters to its embedded services, with the default hold limit. */
  public OrdersApiHandler(Adapters adapters, Cors cors) {
    this(adapters, cors, HoldLimit.DEFAULT);
  }

  public OrdersApiHandler(Adapters adapters, Cors cors, HoldLimit holdLimit) {
    this(
        adapters.orders(), adapters.catalog(), adapters.inventory(), adapters.idempotency(),
        adapters.callbacks(), adapters.payments(), adapters.clock(), cors, holdLimit, adapters.paymentLease());
  }

  /** For tests: the ports directly, usually the in-memory fakes. */
  public OrdersApiHandler(
      OrderRepository orders,
      Catalog catalog,
      Inventory inventory,
      IdempotencyStore idempotency,
      WorkflowCallbacks callbacks,
      PaymentGateway payments,
      Clock clock,
      Cors cors) {
    this(orders, catalog, inventory, idempotency, callbacks, payments, clock, cors, HoldLimit.DEFAULT);
  }

  /** For tests of another hold limit. */
  public OrdersApiHandler(
      OrderRepository orders,
      Catalog catalog,
      Inventory inventory,
      IdempotencyStore idempotency,
      WorkflowCallbacks callbacks,
      PaymentGateway payments,
      Clock clock,
      Cors cors,
      HoldLimit holdLimit) {
    this(orders, catalog, inventory, idempotency, callbacks, payments, clock, cors, holdLimit,
        PaymentService.IDEMPOTENCY_LEASE);
  }

  private OrdersApiHandler(
      OrderRepository orders,
      Catalog catalog,
      Inventory inventory,
      IdempotencyStore idempotency,
      WorkflowCallbacks callbacks,
      PaymentGateway payments,
      Clock clock,
      Cors cors,
      HoldLimit holdLimit,
      Duration paymentLease) {
    ApiEndpoints endpoints = new ApiEndpoints(
        new PlaceOrder(orders, catalog, Idempotency.withDefaults(idempotency, clock), clock, inventory, holdLimit),
        new OrderQueries(orders),
        new OrderDecisions(orders, callbacks, clock,
            new ReservationService(orders, inventory, clock, ReservationService.DEFAULT_TTL),
            new PaymentService(orders, payments, idempotency, clock, paymentLease)),
        new CatalogAndStock(catalog, inventory));
    this.router = new ApiRouter(LambdaFunction.API, endpoints.byRoute(), OrdersApiHandler::known, cors);
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    return router.handle(event, context);
  }

  /** The exceptions that are answers, not failures, in the API's error shape. */
  private static Optional<ApiError> known(RuntimeException e) {
    if (e instanceof OrderNotFound) {
      return Optional.of(ApiError.notFound("no such order"));
    }
    if (e instanceof IllegalTransition transition) {
      return Optional.of(ApiError.conflict(
          "the order is " + transition.from() + " and cannot become " + transition.to()));
    }
    if (e instanceof Idempotency.KeyReused) {
      return Optional.of(ApiError.keyReused());
    }
    if (e instanceof Idempotency.InProgress) {
      return Optional.of(ApiError.conflictRetryLater(
          "a request with this Idempotency-Key is still running; retry shortly", 1));
    }
    if (e instanceof HoldLimitReached overLimit) {
      return Optional.of(ApiError.tooManyRequests("you already hold the most units one customer may of "
          + String.join(", ", overLimit.skus()) + " in open orders; retry once some ship or are cancelled",
          HOLD_LIMIT_RETRY_AFTER_SECONDS));
    }
    if (e instanceof ConcurrentModification) {
      return Optional.of(ApiError.conflict("the order is changing right now; retry shortly"));
    }
    return Optional.empty();
  }
}

package io.orderflow.api;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.orderflow.api.ApiEndpoints.Endpoint;
import io.orderflow.idempotency.Idempotency;
import io.orderflow.idempotency.IdempotencyStore;
import io.orderflow.order.Catalog;
import io.orderflow.order.IllegalTransition;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderRepository.ConcurrentModification;
import io.orderflow.order.OrderUpdater.OrderNotFound;
import io.orderflow.order.QueuePublisher;
import io.orderflow.order.WorkflowCallbacks;
import io.orderflow.platform.ApiRoutes;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.Route;
import io.orderflow.reserve.Inventory;
import io.orderflow.store.Adapters;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop and ops HTTP API (API.md): every route of {@link ApiRoutes#ALL} served by {@link
 * LambdaFunction#API}. Thin glue: it finds the route, checks who calls, hands the request to its
 * endpoint and renders errors in the one error shape. Bad input answers 4xx, never 5xx.
 */
public final class OrdersApiHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(OrdersApiHandler.class);

  private final Map<Route, Endpoint> routes;

  /** For the Lambda runtime: clients are built once per execution environment. */
  public OrdersApiHandler() {
    this(Adapters.shared());
  }

  /** For the local stack, which wires the same adapters to its embedded services. */
  public OrdersApiHandler(Adapters adapters) {
    this(
        adapters.orders(), adapters.catalog(), adapters.inventory(), adapters.idempotency(),
        adapters.queues(), adapters.callbacks(), adapters.clock());
  }

  /** For tests: the ports directly, usually the in-memory fakes. */
  public OrdersApiHandler(
      OrderRepository orders,
      Catalog catalog,
      Inventory inventory,
      IdempotencyStore idempotency,
      QueuePublisher queues,
      WorkflowCallbacks callbacks,
      Clock clock) {
    this(new ApiEndpoints(
        new PlaceOrder(orders, catalog, queues, Idempotency.withDefaults(idempotency, clock), clock),
        new OrderQueries(orders),
        new OrderDecisions(orders, callbacks, queues, clock),
        new CatalogAndStock(catalog, inventory)));
  }

  private OrdersApiHandler(ApiEndpoints endpoints) {
    Map<String, Endpoint> byRoute = endpoints.byRoute();
    Map<Route, Endpoint> table = new HashMap<>();
    for (Route route : ApiRoutes.ALL) {
      if (route.function() == LambdaFunction.API) {
        String key = route.method() + " " + route.path();
        // A route deployed to this function but not served here is a bug: fail at start-up.
        table.put(route, Objects.requireNonNull(byRoute.get(key), "no endpoint for " + key));
      }
    }
    this.routes = Map.copyOf(table);
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    try {
      return serve(event).toEvent();
    } catch (RuntimeException e) {
      Optional<ApiError> known = known(e);
      if (known.isPresent()) {
        return known.get().toResponse().toEvent();
      }
      // Placeholders keep the fields readable under a plain layout; a JSON layout makes them keys.
      LOG.error("request failed {} {} {}",
          entry("httpMethod", event.getHttpMethod()),
          entry("path", event.getPath()),
          entry("awsRequestId", context == null ? null : context.getAwsRequestId()),
          e);
      return ApiError.internal().toResponse().toEvent();
    }
  }

  private ApiResponse serve(APIGatewayProxyRequestEvent event) {
    String method = event.getHttpMethod();
    String path = event.getPath();
    if (method == null || path == null) {
      throw ApiError.notFound("no such route");
    }
    for (Map.Entry<Route, Endpoint> candidate : routes.entrySet()) {
      Route route = candidate.getKey();
      if (!route.method().equalsIgnoreCase(method)) {
        continue;
      }
      Optional<Map<String, String>> parameters = route.match(path);
      if (parameters.isPresent()) {
        Caller caller = Caller.of(event).orElseThrow(ApiError::unauthorized);
        if (route.access() == Route.Access.OPS && !caller.ops()) {
          throw ApiError.forbidden();
        }
        return candidate.getValue().serve(ApiRequest.of(event, caller, parameters.get()));
      }
    }
    throw ApiError.notFound("no route " + method + " " + path);
  }

  /** The exceptions that are answers, not failures, in the API's error shape. */
  private static Optional<ApiError> known(RuntimeException e) {
    if (e instanceof ApiError error) {
      return Optional.of(error);
    }
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
      return Optional.of(ApiError.conflict("a request with this Idempotency-Key is still running; retry shortly"));
    }
    if (e instanceof ConcurrentModification) {
      return Optional.of(ApiError.conflict("the order is changing right now; retry shortly"));
    }
    return Optional.empty();
  }
}

package io.orderflow.api;

import static java.util.Map.entry;

import io.orderflow.order.Order;
import io.orderflow.order.OrderRepository.Page;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.TimelineEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** What each route of the API function does: read the request, call a service, shape the answer. */
final class ApiEndpoints {

  /** {@code GET /orders} and {@code GET /ops/orders}. */
  record OrderPage(List<OrderView> orders, String nextCursor) {
    static OrderPage of(Page<Order> page) {
      return new OrderPage(page.items().stream().map(OrderView::of).toList(), page.nextCursor());
    }
  }

  /** {@code GET /orders/{orderId}/timeline}, oldest first. */
  record Timeline(List<TimelineEvent> events) {}

  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");

  private final PlaceOrder placeOrder;
  private final OrderQueries queries;
  private final OrderDecisions decisions;
  private final CatalogAndStock catalogAndStock;

  ApiEndpoints(PlaceOrder placeOrder, OrderQueries queries, OrderDecisions decisions, CatalogAndStock catalogAndStock) {
    this.placeOrder = placeOrder;
    this.queries = queries;
    this.decisions = decisions;
    this.catalogAndStock = catalogAndStock;
  }

  /** Endpoints by {@code "METHOD /path/{template}"}, as {@link io.orderflow.platform.ApiRoutes} lists the routes. */
  Map<String, Endpoint> byRoute() {
    return Map.ofEntries(
        entry("POST /orders", this::placeOrder),
        entry("GET /orders", this::listOrders),
        entry("GET /orders/{orderId}", this::getOrder),
        entry("GET /orders/{orderId}/timeline", this::timeline),
        entry("POST /orders/{orderId}/cancel", this::cancel),
        entry("POST /orders/{orderId}/confirm-receipt", this::confirmReceipt),
        entry("PUT /ops/catalog/{sku}", this::putCatalogItem),
        entry("PUT /ops/inventory/{sku}", this::putStock),
        entry("GET /ops/inventory/{sku}", this::getStock),
        entry("GET /ops/orders", this::ordersInStatus),
        entry("POST /ops/orders/{orderId}/release-hold", this::releaseHold),
        entry("GET /health", request -> ApiResponse.ok(Map.of("status", "ok"))));
  }

  private ApiResponse placeOrder(ApiRequest request) {
    String key = idempotencyKey(request);
    OrderRequest order = OrderRequest.read(request.json());
    PlaceOrder.Placed placed = placeOrder.place(request.caller().customerId(), key, order);
    return ApiResponse.acceptedAt("/orders/" + placed.orderId(), placed);
  }

  private ApiResponse listOrders(ApiRequest request) {
    Page<Order> page = queries.ofCustomer(request.caller().customerId(), PageRequest.of(request));
    return ApiResponse.ok(OrderPage.of(page));
  }

  private ApiResponse getOrder(ApiRequest request) {
    return ApiResponse.ok(OrderView.of(queries.owned(request.caller().customerId(), Identifiers.orderId(request))));
  }

  private ApiResponse timeline(ApiRequest request) {
    return ApiResponse.ok(new Timeline(queries.timeline(request.caller().customerId(), Identifiers.orderId(request))));
  }

  private ApiResponse cancel(ApiRequest request) {
    Order order = decisions.cancel(request.caller().customerId(), Identifiers.orderId(request));
    return ApiResponse.accepted(OrderView.of(order));
  }

  private ApiResponse confirmReceipt(ApiRequest request) {
    Order order = decisions.confirmReceipt(request.caller().customerId(), Identifiers.orderId(request));
    return ApiResponse.ok(OrderView.of(order));
  }

  private ApiResponse putCatalogItem(ApiRequest request) {
    String sku = Identifiers.sku(request);
    return ApiResponse.ok(catalogAndStock.put(CatalogItemRequest.read(request.json()).toItem(sku)));
  }

  private ApiResponse putStock(ApiRequest request) {
    String sku = Identifiers.sku(request);
    return ApiResponse.ok(catalogAndStock.setAvailable(sku, StockRequest.read(request.json()).available()));
  }

  private ApiResponse getStock(ApiRequest request) {
    return ApiResponse.ok(catalogAndStock.level(Identifiers.sku(request)));
  }

  private ApiResponse ordersInStatus(ApiRequest request) {
    OrderStatus status = status(request.query("status"));
    return ApiResponse.ok(OrderPage.of(queries.inStatus(status, PageRequest.of(request))));
  }

  private ApiResponse releaseHold(ApiRequest request) {
    Order order = decisions.releaseHold(request.caller().customerId(), Identifiers.orderId(request));
    return ApiResponse.ok(OrderView.of(order));
  }

  /** The required {@code Idempotency-Key} header: 1–128 printable ASCII characters, no spaces or tabs. */
  private static String idempotencyKey(ApiRequest request) {
    String key = request.header("Idempotency-Key");
    if (key == null) {
      throw ApiError.invalid("Idempotency-Key", "header is required");
    }
    if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
      throw ApiError.invalid("Idempotency-Key", "must be 1 to 128 printable ASCII characters (0x21-0x7E)");
    }
    return key;
  }

  private static OrderStatus status(String status) {
    return Arrays.stream(OrderStatus.values())
        .filter(candidate -> candidate.name().equals(status))
        .findFirst()
        .orElseThrow(() -> ApiError.invalid("status", "must be one of " + Arrays.toString(OrderStatus.values())));
  }
}

package io.orderflow.aftersales;

import static java.util.Map.entry;

import io.orderflow.aftersales.AftersalesBodies.Decision;
import io.orderflow.aftersales.AftersalesBodies.NewTicket;
import io.orderflow.aftersales.AftersalesBodies.Rating;
import io.orderflow.aftersales.AftersalesBodies.Resolve;
import io.orderflow.aftersales.feedback.Feedback;
import io.orderflow.aftersales.feedback.FeedbackBox;
import io.orderflow.aftersales.returns.ProductReturn;
import io.orderflow.aftersales.returns.ReturnProgress;
import io.orderflow.aftersales.returns.ReturnRequests;
import io.orderflow.aftersales.tickets.Ticket;
import io.orderflow.aftersales.tickets.TicketDesk;
import io.orderflow.api.ApiError;
import io.orderflow.api.ApiRequest;
import io.orderflow.api.ApiResponse;
import io.orderflow.api.Endpoint;
import io.orderflow.api.Identifiers;
import io.orderflow.order.Order;
import io.orderflow.order.OrderRepository;
import java.util.Map;
import java.util.regex.Pattern;

/** What each after-sales route does: read the request, call a service, shape the answer. */
final class AftersalesEndpoints {

  /** Return ids are {@code <orderId>-R<n>}, ticket ids {@code T-<hash>} or a UUID. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  /** {@code POST /orders/{orderId}/feedback}. */
  record Rated(String orderId, int rating, String comment) {}

  private final OrderRepository orders;
  private final ReturnRequests requests;
  private final ReturnProgress progress;
  private final TicketDesk desk;
  private final FeedbackBox feedback;

  AftersalesEndpoints(OrderRepository orders, ReturnRequests requests, ReturnProgress progress, TicketDesk desk,
      FeedbackBox feedback) {
    this.orders = orders;
    this.requests = requests;
    this.progress = progress;
    this.desk = desk;
    this.feedback = feedback;
  }

  /** Endpoints by {@code "METHOD /path/{template}"}, as {@link io.orderflow.platform.ApiRoutes} lists them. */
  Map<String, Endpoint> byRoute() {
    return Map.ofEntries(
        entry("POST /orders/{orderId}/returns", this::requestReturn),
        entry("GET /orders/{orderId}/returns", this::returnsOfOrder),
        entry("GET /returns/{returnId}", this::getReturn),
        entry("POST /orders/{orderId}/feedback", this::rate),
        entry("POST /tickets", this::openTicket),
        entry("GET /tickets/{ticketId}", this::getTicket),
        entry("POST /ops/returns/{returnId}/receive", this::receive),
        entry("POST /ops/returns/{returnId}/inspection", this::inspect),
        entry("POST /ops/tickets/{ticketId}/reply", this::reply),
        entry("POST /ops/tickets/{ticketId}/resolve", this::resolve),
        entry("GET /ops/reports/satisfaction", this::satisfaction));
  }

  private ApiResponse requestReturn(ApiRequest request) {
    String orderId = Identifiers.orderId(request);
    ReturnRequests.Request wanted = AftersalesBodies.returnRequest(request.json());
    ProductReturn created = requests.request(request.caller().customerId(), orderId, wanted);
    return ApiResponse.acceptedAt("/returns/" + created.returnId(),
        new ReturnView.Requested(created.returnId(), created.status()));
  }

  private ApiResponse returnsOfOrder(ApiRequest request) {
    Order order = owned(request.caller().customerId(), Identifiers.orderId(request));
    return ApiResponse.ok(ReturnView.ReturnList.of(progress.findByOrder(order.orderId())));
  }

  private ApiResponse getReturn(ApiRequest request) {
    ProductReturn found = progress.find(returnId(request));
    if (!found.belongsTo(request.caller().customerId())) {
      throw new NotFound("no return " + found.returnId());
    }
    return ApiResponse.ok(ReturnView.of(found));
  }

  private ApiResponse rate(ApiRequest request) {
    String orderId = Identifiers.orderId(request);
    Rating rating = AftersalesBodies.rating(request.json());
    Feedback given = feedback.give(request.caller().customerId(), orderId, rating.rating(), rating.comment());
    return ApiResponse.created(new Rated(given.orderId(), given.rating(), given.comment()));
  }

  private ApiResponse openTicket(ApiRequest request) {
    NewTicket wanted = AftersalesBodies.ticket(request.json());
    String customerId = request.caller().customerId();
    if (wanted.orderId() != null) {
      owned(customerId, wanted.orderId());
    }
    Ticket opened = desk.open(customerId, wanted.orderId(), wanted.category(), wanted.message());
    return ApiResponse.createdAt("/tickets/" + opened.ticketId(),
        new TicketView.Opened(opened.ticketId(), opened.status(), opened.assignee()));
  }

  private ApiResponse getTicket(ApiRequest request) {
    return ApiResponse.ok(TicketView.of(desk.findFor(request.caller().customerId(), ticketId(request))));
  }

  private ApiResponse receive(ApiRequest request) {
    return ApiResponse.ok(ReturnView.of(progress.receive(returnId(request))));
  }

  private ApiResponse inspect(ApiRequest request) {
    String returnId = returnId(request);
    return ApiResponse.ok(ReturnView.of(progress.inspect(returnId, AftersalesBodies.inspection(request.json()))));
  }

  private ApiResponse reply(ApiRequest request) {
    String ticketId = ticketId(request);
    String message = AftersalesBodies.reply(request.json());
    return ApiResponse.ok(TicketView.of(desk.reply(ticketId, request.caller().customerId(), message)));
  }

  /**
   * Resolves a ticket. Approved extension of API.md: a ticket about a return under manual review
   * takes an optional body {@code {"decision": "APPROVE"|"REJECT", "note": "…"}}, the reviewer's
   * verdict, which moves the return on (and resumes its workflow) before the ticket is resolved; a
   * REJECT's note becomes the return's status reason. Without a body the ticket is just resolved.
   */
  private ApiResponse resolve(ApiRequest request) {
    String ticketId = ticketId(request);
    Resolve resolve = AftersalesBodies.resolve(request);
    Ticket ticket = desk.find(ticketId);
    if (resolve.decision() != null) {
      if (ticket.returnId() == null) {
        throw ApiError.invalid("decision", "this ticket is not about a return");
      }
      progress.decide(ticket.returnId(), resolve.decision() == Decision.APPROVE, resolve.note());
    }
    return ApiResponse.ok(TicketView.of(desk.resolve(ticketId)));
  }

  private ApiResponse satisfaction(ApiRequest request) {
    return ApiResponse.ok(feedback.report());
  }

  /** The customer's order; another customer's is not found, exactly like a missing one. */
  private Order owned(String customerId, String orderId) {
    return orders.find(orderId)
        .filter(order -> order.belongsTo(customerId))
        .orElseThrow(() -> new NotFound("no order " + orderId));
  }

  private static String returnId(ApiRequest request) {
    return id(request, "returnId", "no such return");
  }

  private static String ticketId(ApiRequest request) {
    return id(request, "ticketId", "no such ticket");
  }

  /** An id of another shape names nothing: 404, and odd input never reaches a DynamoDB key. */
  private static String id(ApiRequest request, String name, String notFound) {
    String id = request.path(name);
    if (id == null || !ID.matcher(id).matches()) {
      throw ApiError.notFound(notFound);
    }
    return id;
  }
}

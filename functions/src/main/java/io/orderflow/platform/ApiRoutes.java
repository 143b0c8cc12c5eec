package io.orderflow.platform;

import static io.orderflow.platform.Route.Access.CARRIER;
import static io.orderflow.platform.Route.Access.CUSTOMER;
import static io.orderflow.platform.Route.Access.OPS;
import static io.orderflow.platform.Route.Access.PUBLIC;

import java.util.List;

/** The HTTP contract of API.md as a route table, deployed by CDK and served by the local gateway. */
public final class ApiRoutes {

  public static final List<Route> ALL =
      List.of(
          new Route("POST", "/orders", CUSTOMER, LambdaFunction.API),
          new Route("GET", "/orders", CUSTOMER, LambdaFunction.API),
          new Route("GET", "/orders/{orderId}", CUSTOMER, LambdaFunction.API),
          new Route("GET", "/orders/{orderId}/timeline", CUSTOMER, LambdaFunction.API),
          new Route("POST", "/orders/{orderId}/cancel", CUSTOMER, LambdaFunction.API),
          new Route("POST", "/orders/{orderId}/confirm-receipt", CUSTOMER, LambdaFunction.API),
          new Route("POST", "/carriers/{carrier}/events", CARRIER, LambdaFunction.TRACK),
          new Route("PUT", "/ops/catalog/{sku}", OPS, LambdaFunction.API),
          new Route("PUT", "/ops/inventory/{sku}", OPS, LambdaFunction.API),
          new Route("GET", "/ops/inventory/{sku}", OPS, LambdaFunction.API),
          new Route("GET", "/ops/orders", OPS, LambdaFunction.API),
          new Route("POST", "/ops/orders/{orderId}/release-hold", OPS, LambdaFunction.API),
          new Route("POST", "/orders/{orderId}/returns", CUSTOMER, LambdaFunction.AFTERSALES_API),
          new Route("GET", "/orders/{orderId}/returns", CUSTOMER, LambdaFunction.AFTERSALES_API),
          new Route("GET", "/returns/{returnId}", CUSTOMER, LambdaFunction.AFTERSALES_API),
          new Route("POST", "/orders/{orderId}/feedback", CUSTOMER, LambdaFunction.AFTERSALES_API),
          new Route("POST", "/tickets", CUSTOMER, LambdaFunction.AFTERSALES_API),
          new Route("GET", "/tickets/{ticketId}", CUSTOMER, LambdaFunction.AFTERSALES_API),
          new Route("POST", "/ops/returns/{returnId}/receive", OPS, LambdaFunction.AFTERSALES_API),
          new Route("POST", "/ops/returns/{returnId}/inspection", OPS, LambdaFunction.AFTERSALES_API),
          new Route("POST", "/ops/tickets/{ticketId}/reply", OPS, LambdaFunction.AFTERSALES_API),
          new Route("POST", "/ops/tickets/{ticketId}/resolve", OPS, LambdaFunction.AFTERSALES_API),
          new Route("GET", "/ops/reports/satisfaction", OPS, LambdaFunction.AFTERSALES_API),
          new Route("GET", "/health", PUBLIC, LambdaFunction.API));

  private ApiRoutes() {}
}

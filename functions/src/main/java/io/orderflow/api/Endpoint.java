package io.orderflow.api;

/** What one route does: read the request, call a service, shape the answer. */
@FunctionalInterface
public interface Endpoint {
  ApiResponse serve(ApiRequest request);
}

package io.orderflow.api;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.orderflow.platform.ApiRoutes;
import io.orderflow.platform.Cors;
import io.orderflow.platform.InvocationLog;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.Route;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The HTTP plumbing every API function shares: finds the route of {@link ApiRoutes#ALL} deployed to
 * its function, checks who calls (401 without a caller, 403 for an ops route without the ops
 * group), hands the request to the route's endpoint, and renders errors in the one error shape.
 * Exceptions that {@code answers} maps are answers (4xx); anything else is logged and answers 500.
 * Every answer carries the CORS headers of {@link Cors} for the request's origin.
 */
public final class ApiRouter {

  private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

  private final Map<Route, Endpoint> routes;
  private final Function<RuntimeException, Optional<ApiError>> answers;
  private final Cors cors;

  /**
   * @param endpoints by {@code "METHOD /path/{template}"}, as {@link ApiRoutes} lists the routes
   * @param answers the service exceptions that are answers, in the error shape
   * @param cors the browser origins whose scripts may read the answers
   */
  public ApiRouter(
      LambdaFunction function,
      Map<String, Endpoint> endpoints,
      Function<RuntimeException, Optional<ApiError>> answers,
      Cors cors) {
    Map<Route, Endpoint> table = new HashMap<>();
    for (Route route : ApiRoutes.ALL) {
      if (route.function() == function) {
        String key = route.method() + " " + route.path();
        // A route deployed to this function but not served here is a bug: fail at start-up.
        table.put(route, Objects.requireNonNull(endpoints.get(key), "no endpoint for " + key));
      }
    }
    this.routes = Map.copyOf(table);
    this.answers = answers;
    this.cors = cors;
  }

  public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context context) {
    String orderId = event.getPathParameters() == null ? null : event.getPathParameters().get("orderId");
    Supplier<APIGatewayProxyResponseEvent> work = () -> {
      APIGatewayProxyResponseEvent response = answer(event, context);
      Map<String, String> headers = new HashMap<>(response.getHeaders());
      headers.putAll(cors.responseHeaders(origin(event)));
      return response.withHeaders(headers);
    };
    if (context == null) {
      return work.get();
    }
    // "POST /orders → 202": the request line of the invocation's log entry.
    InvocationLog.Outcome<APIGatewayProxyResponseEvent> requestLine = InvocationLog.Outcome.of(
        response -> event.getHttpMethod() + " " + event.getPath() + " → " + response.getStatusCode());
    return PowertoolsLogging.withLogging(context,
        () -> InvocationLog.logged(context.getFunctionName(), orderId, work, requestLine));
  }

  private APIGatewayProxyResponseEvent answer(APIGatewayProxyRequestEvent event, Context context) {
    try {
      return serve(event).toEvent();
    } catch (RuntimeException e) {
      Optional<ApiError> known = e instanceof ApiError error ? Optional.of(error) : answers.apply(e);
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

  private static String origin(APIGatewayProxyRequestEvent event) {
    return header(event, "Origin");
  }

  private static String header(APIGatewayProxyRequestEvent event, String name) {
    if (event.getHeaders() == null) {
      return null;
    }
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(event.getHeaders());
    return headers.get(name);
  }

  /**
   * Refuses a body declared as anything but JSON with 415: a form post or plain text must not be
   * read as JSON by accident. A body without a {@code Content-Type} is read as JSON.
   */
  public static void requireJsonBody(APIGatewayProxyRequestEvent event) {
    String contentType = header(event, "Content-Type");
    if (event.getBody() == null || event.getBody().isEmpty() || contentType == null) {
      return;
    }
    String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json") && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
      throw ApiError.unsupportedMediaType(contentType);
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
        if (!route.requiresToken()) {
          return candidate.getValue().serve(ApiRequest.of(event, null, parameters.get()));
        }
        Caller caller = Caller.of(event).orElseThrow(ApiError::unauthorized);
        if (route.access() == Route.Access.OPS && !caller.ops()) {
          throw ApiError.forbidden();
        }
        requireJsonBody(event);
        return candidate.getValue().serve(ApiRequest.of(event, caller, parameters.get()));
      }
    }
    throw ApiError.notFound("no route " + method + " " + path);
  }
}

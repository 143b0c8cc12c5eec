package io.orderflow.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.orderflow.local.LocalFunctions;
import io.orderflow.platform.ApiRoutes;
import io.orderflow.platform.Cors;
import io.orderflow.platform.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * API Gateway (REST API, Lambda proxy integration) on a local port, for the route table CDK
 * deploys ({@link ApiRoutes#ALL}). Like the real gateway it answers unknown routes, wrong methods,
 * oversized bodies and missing or bad tokens itself, so those requests never reach a handler; the
 * rest become {@link APIGatewayProxyRequestEvent}s with the verified token's claims in {@code
 * requestContext.authorizer.claims}, as the Cognito authorizer passes them. Browsers' CORS
 * preflights are answered here, as the deployed API's OPTIONS methods answer them, and the gateway's
 * own errors carry the CORS headers the deployed gateway responses carry.
 */
public final class ApiGateway implements AutoCloseable {

  /** The payload limit the issue sets for this API; larger bodies answer 413. */
  public static final int MAX_BODY_BYTES = 256 * 1024;

  /** How much of an oversized body is read and thrown away before the connection is dropped. */
  private static final long MAX_DRAINED_BYTES = 16L * 1024 * 1024;

  /** How long a stop waits for the requests in flight. */
  private static final Duration DRAIN = Duration.ofSeconds(1);

  private static final Logger LOG = LogManager.getLogger(ApiGateway.class);

  private final HttpServer server;
  private final ExecutorService executor;
  private final LocalFunctions functions;
  private final Tokens tokens;
  private final List<Route> routes;
  private final Cors cors;
  private final AtomicInteger inFlight = new AtomicInteger();

  public ApiGateway(int port, LocalFunctions functions, Tokens tokens, Cors cors) {
    this(port, functions, tokens, cors, ApiRoutes.ALL);
  }

  ApiGateway(int port, LocalFunctions functions, Tokens tokens, Cors cors, List<Route> routes) {
    this.functions = functions;
    this.tokens = tokens;
    this.cors = cors;
    this.routes = routes;
    try {
      this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("the API gateway cannot listen on port " + port, e);
    }
    this.executor = Executors.newFixedThreadPool(16, daemonThreads());
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      inFlight.incrementAndGet();
      try {
        serve(exchange);
      } finally {
        inFlight.decrementAndGet();
      }
    });
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public URI endpoint() {
    return URI.create("http://localhost:" + port());
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      GatewayResponse response = respond(exchange);
      response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
      byte[] body = response.body();
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
    }
  }

  private GatewayResponse respond(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = exchange.getRequestURI().getRawPath();
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    Set<String> allowed = new LinkedHashSet<>();
    Set<String> browserMethods = new LinkedHashSet<>();
    for (Route route : routes) {
      Optional<Map<String, String>> parameters = route.match(path);
      if (parameters.isEmpty()) {
        continue;
      }
      if (Cors.appliesTo(route)) {
        browserMethods.add(route.method());
      }
      if (!route.method().equals(method)) {
        allowed.add(route.method());
        continue;
      }
      GatewayResponse response = invoke(exchange, route, parameters.get());
      // The handler added its own CORS headers; the gateway's refusals get them here, on every
      // route, as the deployed gateway responses do.
      return response.fromHandler() ? response : response.withHeaders(cors.responseHeaders(origin));
    }
    if (method.equals("OPTIONS") && cors.enabled() && !browserMethods.isEmpty()) {
      browserMethods.add("OPTIONS");
      return GatewayResponse.empty(204).withHeaders(cors.preflightHeaders(origin, browserMethods));
    }
    GatewayResponse refused = allowed.isEmpty()
        ? GatewayResponse.error(404, "NOT_FOUND", "no route for " + method + " " + path)
        : GatewayResponse.error(405, "METHOD_NOT_ALLOWED", method + " is not allowed on " + path)
            .withHeader("Allow", String.join(", ", allowed));
    return refused.withHeaders(cors.responseHeaders(origin));
  }

  private GatewayResponse invoke(HttpExchange exchange, Route route, Map<String, String> pathParameters)
      throws IOException {
    Map<String, String> claims = null;
    if (route.requiresToken()) {
      Optional<Map<String, String>> verified = bearerToken(exchange).flatMap(tokens::verify);
      if (verified.isEmpty()) {
        return GatewayResponse.error(401, "UNAUTHORIZED", "a valid bearer token is required")
            .withHeader("WWW-Authenticate", "Bearer");
      }
      claims = verified.get();
    }
    Optional<byte[]> body = readBody(exchange);
    if (body.isEmpty()) {
      return GatewayResponse.error(413, "PAYLOAD_TOO_LARGE", "the body exceeds " + MAX_BODY_BYTES + " bytes");
    }
    APIGatewayProxyRequestEvent event = ProxyEvents.request(exchange, route, pathParameters, body.get(), claims);
    try {
      APIGatewayProxyResponseEvent response = functions.handle(route.function(), event);
      return GatewayResponse.of(response);
    } catch (RuntimeException | Error e) {
      // What API Gateway answers when the integration fails: no details leak to the caller.
      LOG.error("{} failed on {} {}", route.function().localName(), route.method(), route.path(), e);
      return GatewayResponse.error(502, "INTERNAL_ERROR", "Internal server error");
    }
  }

  private static Optional<String> bearerToken(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return Optional.of(header.substring(7).strip());
  }

  /**
   * The body, or empty if it is larger than {@link #MAX_BODY_BYTES}. An oversized body is still
   * read off the connection (up to a bound), so the client, which is still sending, gets the 413
   * instead of a reset connection.
   */
  private static Optional<byte[]> readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length <= MAX_BODY_BYTES) {
        return Optional.of(body);
      }
      // read(), not skip(): the JDK server's skip can read past the end of this request's body.
      byte[] discard = new byte[64 * 1024];
      long drained = 0;
      int read;
      while (drained < MAX_DRAINED_BYTES && (read = in.read(discard)) > 0) {
        drained += read;
      }
      return Optional.empty();
    }
  }

  private static ThreadFactory daemonThreads() {
    return runnable -> {
      Thread thread = new Thread(runnable, "api-gateway");
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Lets the requests in flight finish (for a second at most), as a deployment drains, then stops:
   * interrupting a handler mid-call would fail a carrier's webhook or a shop's order for no reason
   * but the shutdown.
   */
  @Override
  public void close() {
    long deadline = System.nanoTime() + DRAIN.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    server.stop(0);
    executor.shutdownNow();
  }

  /** Builds the proxy events a REST API's Lambda proxy integration sends. */
  static final class ProxyEvents {

    private ProxyEvents() {}

    static APIGatewayProxyRequestEvent request(
        HttpExchange exchange, Route route, Map<String, String> pathParameters, byte[] body,
        Map<String, String> claims) {
      Map<String, List<String>> multiHeaders = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> multiHeaders.put(headerName(name), values));
      Map<String, String> headers = new LinkedHashMap<>();
      multiHeaders.forEach((name, values) -> headers.put(name, values.get(values.size() - 1)));
      Map<String, List<String>> multiQuery = query(exchange.getRequestURI().getRawQuery());
      Map<String, String> query = new LinkedHashMap<>();
      multiQuery.forEach((name, values) -> query.put(name, values.get(values.size() - 1)));

      APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
      context.setAccountId("000000000000");
      context.setApiId("local");
      context.setStage("local");
      context.setRequestId(UUID.randomUUID().toString());
      context.setResourcePath(route.path());
      context.setHttpMethod(route.method());
      context.setPath("/local" + exchange.getRequestURI().getRawPath());
      context.setRequestTimeEpoch(System.currentTimeMillis());
      APIGatewayProxyRequestEvent.RequestIdentity identity = new APIGatewayProxyRequestEvent.RequestIdentity();
      identity.setSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress());
      identity.setUserAgent(headers.get("User-Agent"));
      context.setIdentity(identity);
      if (claims != null) {
        context.setAuthorizer(Map.of("claims", claims));
      }

      APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
      event.setResource(route.path());
      event.setPath(exchange.getRequestURI().getRawPath());
      event.setHttpMethod(route.method());
      event.setHeaders(headers);
      event.setMultiValueHeaders(multiHeaders);
      event.setQueryStringParameters(query.isEmpty() ? null : query);
      event.setMultiValueQueryStringParameters(multiQuery.isEmpty() ? null : multiQuery);
      event.setPathParameters(pathParameters.isEmpty() ? null : decoded(pathParameters));
      event.setRequestContext(context);
      event.setBody(body.length == 0 ? null : new String(body, StandardCharsets.UTF_8));
      event.setIsBase64Encoded(false);
      return event;
    }

    /**
     * The JDK server keeps only the first letter of a header name upper case; clients sent
     * {@code Idempotency-Key} and handlers may look it up that way, so restore the usual form.
     */
    static String headerName(String name) {
      StringBuilder result = new StringBuilder(name.length());
      boolean upper = true;
      for (char c : name.toCharArray()) {
        result.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
        upper = c == '-';
      }
      return result.toString();
    }

    private static Map<String, List<String>> query(String rawQuery) {
      Map<String, List<String>> parameters = new LinkedHashMap<>();
      if (rawQuery == null || rawQuery.isEmpty()) {
        return parameters;
      }
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String name = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
      }
      return parameters;
    }

    private static Map<String, String> decoded(Map<String, String> rawParameters) {
      Map<String, String> parameters = new LinkedHashMap<>();
      rawParameters.forEach((name, value) -> parameters.put(name, decode(value)));
      return parameters;
    }

    private static String decode(String value) {
      return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
  }
}

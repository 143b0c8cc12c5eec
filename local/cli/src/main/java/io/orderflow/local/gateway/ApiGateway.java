package io.orderflow.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.orderflow.local.LocalFunctions;
import io.orderflow.platform.ApiRoutes;
import io.orderflow.platform.Cors;
import io.orderflow.platform.Route;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * API Gateway (REST API, Lambda proxy integration) on a local port, for the route table CDK
 * deploys ({@link ApiRoutes#ALL}). Like the real gateway it answers unknown routes, wrong methods,
 * oversized bodies and missing or bad tokens itself, so those requests never reach a handler; the
 * rest become {@link APIGatewayProxyRequestEvent}s with the verified token's claims in {@code
 * requestContext.authorizer.claims}, as the Cognito authorizer passes them. Browsers' CORS
 * preflights are answered here, as the deployed API's OPTIONS methods answer them, and the gateway's
 * own errors carry the CORS headers the deployed gateway responses carry.
 *
 * <p>It runs on Jetty: idle connections cost no thread (a selector watches them) and are closed
 * after {@link Limits#idleTimeout}, a body must arrive within {@link Limits#bodyTimeout}, and what
 * Jetty refuses before any route is known (a malformed request line, a bad {@code Content-Length},
 * headers over {@link #MAX_HEADER_BYTES}) is answered in API.md's error shape by {@link
 * ShapedErrors}, never as an HTML page.
 */
public final class ApiGateway implements AutoCloseable {

  /** The payload limit the issue sets for this API; larger bodies answer 413. */
  public static final int MAX_BODY_BYTES = 256 * 1024;

  /** The request line and headers together; more answers 413 (API Gateway's own limit is 10 KB). */
  public static final int MAX_HEADER_BYTES = 16 * 1024;

  /** Where the gateway listens unless told otherwise: this machine only. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** How much of an oversized body is read and thrown away before the connection is dropped. */
  static final long MAX_DRAINED_BYTES = 16L * 1024 * 1024;

  /** How long a stop waits for the requests in flight. */
  private static final Duration DRAIN = Duration.ofSeconds(1);

  private static final Logger LOG = LogManager.getLogger(ApiGateway.class);

  /**
   * How long a connection may sit idle, how long a request's body may take to arrive, and how many
   * requests run at once: far more than a handful of idle or slow clients could ever hold.
   */
  public record Limits(Duration idleTimeout, Duration bodyTimeout, int maxThreads) {

    public static final Limits DEFAULTS = new Limits(Duration.ofSeconds(30), Duration.ofSeconds(10), 200);
  }

  private final Server server;
  private final ServerConnector connector;
  private final LocalFunctions functions;
  private final Tokens tokens;
  private final List<Route> routes;
  private final Cors cors;
  private final Limits limits;
  private final AtomicInteger inFlight = new AtomicInteger();

  public ApiGateway(int port, LocalFunctions functions, Tokens tokens, Cors cors) {
    this(DEFAULT_HOST, port, functions, tokens, cors);
  }

  /** @param host the address to listen on, e.g. {@value #DEFAULT_HOST} or {@code 0.0.0.0} */
  public ApiGateway(String host, int port, LocalFunctions functions, Tokens tokens, Cors cors) {
    this(host, port, functions, tokens, cors, ApiRoutes.ALL, Limits.DEFAULTS);
  }

  ApiGateway(int port, LocalFunctions functions, Tokens tokens, Cors cors, List<Route> routes) {
    this(DEFAULT_HOST, port, functions, tokens, cors, routes, Limits.DEFAULTS);
  }

  ApiGateway(String host, int port, LocalFunctions functions, Tokens tokens, Cors cors, List<Route> routes,
      Limits limits) {
    this.functions = functions;
    this.tokens = tokens;
    this.cors = cors;
    this.routes = routes;
    this.limits = limits;
    QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), Math.min(8, limits.maxThreads()));
    threads.setName("api-gateway");
    threads.setDaemon(true);
    this.server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(MAX_HEADER_BYTES);
    http.setSendServerVersion(false);
    http.setSendDateHeader(true);
    this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    server.addConnector(connector);
    server.setHandler(new Routing());
    server.setErrorHandler(new ShapedErrors());
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly();
      throw new IllegalStateException("the API gateway cannot listen on " + host + ":" + port, e);
    }
  }

  public int port() {
    return connector.getLocalPort();
  }

  public URI endpoint() {
    String host = connector.getHost();
    boolean anyAddress = host == null || host.equals("0.0.0.0") || host.equals("::");
    String shown = anyAddress || host.equals(DEFAULT_HOST) ? "localhost" : host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + shown + ":" + port());
  }

  /** Every request that Jetty could parse: routed, checked, and handed to its function. */
  private final class Routing extends Handler.Abstract {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      inFlight.incrementAndGet();
      try {
        GatewayResponse answer;
        try {
          answer = respond(IncomingRequest.of(request, limits.bodyTimeout()));
        } catch (IncomingRequest.Refused refused) {
          answer = refused.response().withHeaders(cors.responseHeaders(request.getHeaders().get("Origin")));
        }
        if (answer.status() >= 400 && !answer.fromHandler()) {
          // A refused request may have left body bytes unread: do not reuse the connection.
          answer = answer.withHeader("Connection", "close");
        }
        send(response, answer, callback);
      } finally {
        inFlight.decrementAndGet();
      }
      return true;
    }
  }

  static void send(Response response, GatewayResponse answer, Callback callback) {
    response.setStatus(answer.status());
    answer.headers().forEach((name, values) -> values.forEach(value -> response.getHeaders().add(name, value)));
    response.write(true, answer.body().length == 0 ? null : ByteBuffer.wrap(answer.body()), callback);
  }

  private GatewayResponse respond(IncomingRequest incoming) {
    String method = incoming.method();
    String path = incoming.rawPath();
    String origin = incoming.header("Origin");
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
      GatewayResponse response = invoke(incoming, route, parameters.get());
      // The handler added its own CORS headers; the gateway's refusals get them here, on every
      // route, as the deployed gateway responses do.
      return response.fromHandler() ? response : response.withHeaders(cors.responseHeaders(origin));
    }
    if (method.equals("OPTIONS") && cors.enabled() && !browserMethods.isEmpty()) {
      browserMethods.add("OPTIONS");
      return GatewayResponse.empty(204).withHeaders(cors.preflightHeaders(origin, browserMethods));
    }
    GatewayResponse refused = allowed.isEmpty()
        ? GatewayResponse.error(404, "NOT_FOUND", "no route for " + method + " " + GatewayResponse.printable(path))
        : GatewayResponse.error(405, "METHOD_NOT_ALLOWED", method + " is not allowed on " + GatewayResponse.printable(path))
            .withHeader("Allow", String.join(", ", allowed));
    return refused.withHeaders(cors.responseHeaders(origin));
  }

  private GatewayResponse invoke(IncomingRequest incoming, Route route, Map<String, String> pathParameters) {
    Map<String, String> claims = null;
    if (route.requiresToken()) {
      Optional<Map<String, String>> verified = bearerToken(incoming).flatMap(tokens::verify);
      if (verified.isEmpty()) {
        return GatewayResponse.error(401, "UNAUTHORIZED", "a valid bearer token is required")
            .withHeader("WWW-Authenticate", "Bearer");
      }
      claims = verified.get();
    }
    Optional<byte[]> body = incoming.body(MAX_BODY_BYTES, MAX_DRAINED_BYTES);
    if (body.isEmpty()) {
      return GatewayResponse.error(413, "PAYLOAD_TOO_LARGE", "the body exceeds " + MAX_BODY_BYTES + " bytes");
    }
    APIGatewayProxyRequestEvent event = ProxyEvents.request(incoming, route, pathParameters, body.get(), claims);
    try {
      APIGatewayProxyResponseEvent response = functions.handle(route.function(), event);
      return GatewayResponse.of(response);
    } catch (RuntimeException | Error e) {
      // What API Gateway answers when the integration fails: no details leak to the caller.
      LOG.error("{} failed on {} {}", route.function().localName(), route.method(), route.path(), e);
      return GatewayResponse.error(502, "INTERNAL_ERROR", "Internal server error");
    }
  }

  private static Optional<String> bearerToken(IncomingRequest incoming) {
    String header = incoming.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return Optional.of(header.substring(7).strip());
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
    stopQuietly();
  }

  private void stopQuietly() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("the API gateway did not stop cleanly", e);
    }
  }

  static String headerName(HttpField field) {
    return ProxyEvents.headerName(field.getName().toLowerCase(Locale.ROOT));
  }
}

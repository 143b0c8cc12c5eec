package io.orderflow.local.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * What the gateway reads of a Jetty request: the method, the raw (still percent-encoded) path and
 * query, the headers by their usual names, and the body, which must arrive within the body timeout.
 * A path or query that is not valid percent-encoding is refused here with a 400 in API.md's shape,
 * before any route or function sees it.
 */
record IncomingRequest(
    String method,
    String rawPath,
    String rawQuery,
    Map<String, List<String>> headers,
    String sourceIp,
    Request request,
    Duration bodyTimeout) {

  /** A request the gateway answers itself, with {@link #response()}. */
  static final class Refused extends RuntimeException {

    private final transient GatewayResponse response;

    Refused(GatewayResponse response) {
      super(null, null, false, false);
      this.response = response;
    }

    GatewayResponse response() {
      return response;
    }
  }

  static IncomingRequest of(Request request, Duration bodyTimeout) {
    String rawPath = request.getHttpURI().getPath();
    String rawQuery = request.getHttpURI().getQuery();
    if (rawPath == null || !rawPath.startsWith("/") || !PercentEncoding.isValid(rawPath)) {
      throw new Refused(GatewayResponse.invalid("path", "is not a valid percent-encoded path"));
    }
    if (rawQuery != null && !PercentEncoding.isValid(rawQuery)) {
      throw new Refused(GatewayResponse.invalid("query", "is not a valid percent-encoded query string"));
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers.computeIfAbsent(ApiGateway.headerName(field), name -> new ArrayList<>()).add(field.getValue());
    }
    return new IncomingRequest(request.getMethod().toUpperCase(Locale.ROOT), rawPath, rawQuery, headers,
        Request.getRemoteAddr(request), request, bodyTimeout);
  }

  /** The last value of a header, by any capitalization of its name, or null. */
  String header(String name) {
    List<String> values = headers.get(ProxyEvents.headerName(name.toLowerCase(Locale.ROOT)));
    return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
  }

  /**
   * The body, or empty if it is larger than {@code limit}. An oversized body is still read off the
   * connection (up to {@code drainLimit}), so the client, which is still sending, gets the 413
   * instead of a reset connection. A body that does not arrive within the body timeout is refused:
   * a slow client holds one of many threads for that long at most.
   */
  Optional<byte[]> body(int limit, long drainLimit) {
    CompletableFuture<Optional<byte[]>> read = new CompletableFuture<>();
    new BodyReader(request, limit, drainLimit, read).run();
    try {
      return read.get(bodyTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      request.fail(e);
      throw new Refused(GatewayResponse.invalid("body", "did not arrive within " + bodyTimeout.toSeconds() + " s"));
    } catch (ExecutionException e) {
      throw new Refused(GatewayResponse.invalid("body", "could not be read to its end"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refused(GatewayResponse.invalid("body", "could not be read to its end"));
    }
  }

  /** Reads chunks as Jetty has them, asking to be called back for more: no thread waits on a socket. */
  private static final class BodyReader implements Runnable {

    private final Content.Source source;
    private final int limit;
    private final long drainLimit;
    private final CompletableFuture<Optional<byte[]>> result;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long total;

    BodyReader(Content.Source source, int limit, long drainLimit, CompletableFuture<Optional<byte[]>> result) {
      this.source = source;
      this.limit = limit;
      this.drainLimit = drainLimit;
      this.result = result;
    }

    @Override
    public void run() {
      while (!result.isDone()) {
        Content.Chunk chunk = source.read();
        if (chunk == null) {
          source.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          result.completeExceptionally(chunk.getFailure());
          return;
        }
        ByteBuffer bytes = chunk.getByteBuffer();
        total += bytes.remaining();
        if (total <= limit) {
          byte[] copy = new byte[bytes.remaining()];
          bytes.get(copy);
          kept.writeBytes(copy);
        }
        boolean last = chunk.isLast();
        chunk.release();
        if (last || total > limit + drainLimit) {
          result.complete(total <= limit ? Optional.of(kept.toByteArray()) : Optional.empty());
        }
      }
    }
  }
}

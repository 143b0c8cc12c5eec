package io.orderflow.local.gateway;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty answers on its own, before any route is known (a malformed request line or URI, a bad
 * {@code Content-Length}, headers too large), in API.md's error shape instead of an HTML page. The
 * message is the gateway's own: Jetty's reason text is an internal detail.
 */
final class ShapedErrors extends ErrorHandler {

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    GatewayResponse answer = answerFor(response.getStatus());
    response.getHeaders().remove(HttpHeader.CONTENT_TYPE);
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    ApiGateway.send(response, answer, callback);
    return true;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    GatewayResponse answer = answerFor(status);
    answer.headers().forEach((name, values) -> fields.put(name, values.get(0)));
    return ByteBuffer.wrap(answer.body());
  }

  static GatewayResponse answerFor(int status) {
    if (status == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431 || status == HttpStatus.URI_TOO_LONG_414) {
      return GatewayResponse.error(413, "PAYLOAD_TOO_LARGE",
          "the request line and headers exceed " + ApiGateway.MAX_HEADER_BYTES + " bytes");
    }
    if (status == HttpStatus.PAYLOAD_TOO_LARGE_413) {
      return GatewayResponse.error(413, "PAYLOAD_TOO_LARGE", "the body exceeds " + ApiGateway.MAX_BODY_BYTES + " bytes");
    }
    if (status >= 500 && status != HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
      return GatewayResponse.error(502, "INTERNAL_ERROR", "Internal server error");
    }
    return GatewayResponse.invalid("request", "is not a well-formed HTTP request (request line, URI or headers)");
  }
}

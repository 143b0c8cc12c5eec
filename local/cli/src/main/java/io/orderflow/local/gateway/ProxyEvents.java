package io.orderflow.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.orderflow.platform.Route;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the proxy events a REST API's Lambda proxy integration sends. */
final class ProxyEvents {

  private ProxyEvents() {}

  static APIGatewayProxyRequestEvent request(
      IncomingRequest incoming, Route route, Map<String, String> pathParameters, byte[] body,
      Map<String, String> claims) {
    Map<String, List<String>> multiHeaders = new LinkedHashMap<>(incoming.headers());
    Map<String, String> headers = new LinkedHashMap<>();
    multiHeaders.forEach((name, values) -> headers.put(name, values.get(values.size() - 1)));
    Map<String, List<String>> multiQuery = query(incoming.rawQuery());
    Map<String, String> query = new LinkedHashMap<>();
    multiQuery.forEach((name, values) -> query.put(name, values.get(values.size() - 1)));

    APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
    context.setAccountId("000000000000");
    context.setApiId("local");
    context.setStage("local");
    context.setRequestId(UUID.randomUUID().toString());
    context.setResourcePath(route.path());
    context.setHttpMethod(route.method());
    context.setPath("/local" + incoming.rawPath());
    context.setRequestTimeEpoch(System.currentTimeMillis());
    APIGatewayProxyRequestEvent.RequestIdentity identity = new APIGatewayProxyRequestEvent.RequestIdentity();
    identity.setSourceIp(incoming.sourceIp());
    identity.setUserAgent(headers.get("User-Agent"));
    context.setIdentity(identity);
    if (claims != null) {
      context.setAuthorizer(Map.of("claims", claims));
    }

    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
    event.setResource(route.path());
    event.setPath(incoming.rawPath());
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
   * Header names in their usual form ({@code Idempotency-Key}), whatever case the client sent:
   * handlers may look them up that way.
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
      String name = PercentEncoding.decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : PercentEncoding.decode(pair.substring(equals + 1));
      parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
    return parameters;
  }

  private static Map<String, String> decoded(Map<String, String> rawParameters) {
    Map<String, String> parameters = new LinkedHashMap<>();
    rawParameters.forEach((name, value) -> parameters.put(name, PercentEncoding.decode(value)));
    return parameters;
  }
}

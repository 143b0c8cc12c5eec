package io.orderflow.track;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.api.ApiError;
import io.orderflow.api.ApiResponse;
import io.orderflow.api.ApiRouter;
import io.orderflow.idempotency.Idempotency;
import io.orderflow.platform.InvocationLog;
import io.orderflow.platform.Json;
import io.orderflow.store.Adapters;
import io.orderflow.track.TrackingService.ImplausibleOccurredAt;
import io.orderflow.track.TrackingService.Outcome;
import io.orderflow.track.TrackingService.UnknownTrackingNumber;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * {@code POST /carriers/{carrier}/events}: carriers push tracking events here. The route has no
 * authorizer; the carrier proves itself with an HMAC signature, checked before the body is even
 * parsed. Answers 202 for a new event, 200 for a repeated one, 401 for a bad or stale signature,
 * 400 for a malformed or invalid body (an {@code occurredAt} before the order or more than five
 * minutes ahead included) and 404 for an unknown tracking number.
 */
public final class CarrierWebhookHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  private final CarrierSignatureVerifier verifier;
  private final TrackingService tracking;

  public CarrierWebhookHandler() {
    this(Adapters.shared(), EnvironmentCarrierSecrets.fromSystem());
  }

  private CarrierWebhookHandler(Adapters adapters, CarrierSecrets secrets) {
    this(
        new CarrierSignatureVerifier(secrets, adapters.clock()),
        new TrackingService(adapters.orders(), adapters.inventory(), adapters.callbacks(),
            adapters.idempotency(), adapters.clock()));
  }

  public CarrierWebhookHandler(CarrierSignatureVerifier verifier, TrackingService tracking) {
    this.verifier = verifier;
    this.tracking = tracking;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
    if (context == null) {
      return answer(request);
    }
    InvocationLog.Outcome<APIGatewayProxyResponseEvent> outcome = new InvocationLog.Outcome<>(
        CarrierWebhookHandler::orderIdOf,
        response -> request.getHttpMethod() + " " + request.getPath() + " → " + response.getStatusCode());
    return PowertoolsLogging.withLogging(context,
        () -> InvocationLog.logged(context.getFunctionName(), null, () -> answer(request), outcome));
  }

  /** The order the receipt names, for the log line. */
  private static String orderIdOf(APIGatewayProxyResponseEvent response) {
    try {
      return Json.read(response.getBody(), JsonNode.class).path("orderId").asText(null);
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private APIGatewayProxyResponseEvent answer(APIGatewayProxyRequestEvent request) {
    String carrier = request.getPathParameters() == null ? null : request.getPathParameters().get("carrier");
    Map<String, String> headers = caseInsensitive(request.getHeaders());
    String body = rawBody(request);
    if (body == null || !verifier.verify(carrier, headers.get(CarrierSignatureVerifier.TIMESTAMP_HEADER),
        headers.get(CarrierSignatureVerifier.SIGNATURE_HEADER), body)) {
      return ApiError.invalidSignature().toResponse().toEvent();
    }
    CarrierEvent event;
    try {
      ApiRouter.requireJsonBody(request);
      event = CarrierEventParser.parse(body);
    } catch (ApiError e) {
      return e.toResponse().toEvent();
    }
    try {
      Outcome outcome = tracking.record(carrier, event);
      return new ApiResponse(outcome.duplicate() ? 200 : 202, outcome.receipt(), Map.of()).toEvent();
    } catch (UnknownTrackingNumber e) {
      return ApiError.notFound(e.getMessage()).toResponse().toEvent();
    } catch (ImplausibleOccurredAt e) {
      return ApiError.invalid("occurredAt", e.getMessage()).toResponse().toEvent();
    } catch (Idempotency.KeyReused e) {
      return ApiError.conflict("eventId " + event.eventId() + " was sent before with a different event")
          .toResponse().toEvent();
    } catch (Idempotency.InProgress e) {
      return ApiError.conflictRetryLater("event " + event.eventId() + " is still being processed; retry shortly", 1)
          .toResponse().toEvent();
    }
  }

  /** HTTP header names are case-insensitive; API Gateway passes them as the client sent them. */
  private static Map<String, String> caseInsensitive(Map<String, String> headers) {
    Map<String, String> lookup = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      lookup.putAll(headers);
    }
    return lookup;
  }

  /** The body exactly as the carrier signed it; null if API Gateway's base64 form is garbled. */
  private static String rawBody(APIGatewayProxyRequestEvent request) {
    String body = request.getBody() == null ? "" : request.getBody();
    if (!Boolean.TRUE.equals(request.getIsBase64Encoded())) {
      return body;
    }
    try {
      return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

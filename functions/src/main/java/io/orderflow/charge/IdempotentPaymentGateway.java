package io.orderflow.charge;

import io.orderflow.idempotency.Idempotency;
import io.orderflow.order.Money;
import io.orderflow.platform.Json;
import java.util.function.Supplier;

/**
 * Calls the provider at most once per idempotency key and replays the stored answer afterwards,
 * so a retried step (say, after a timeout between the provider's answer and the order write)
 * neither moves money twice nor depends on the provider's own key retention. The retry counter
 * is not part of the request: attempt 2 of a request is the same request as attempt 0.
 */
public final class IdempotentPaymentGateway implements PaymentGateway {

  private final PaymentGateway provider;
  private final Idempotency idempotency;

  public IdempotentPaymentGateway(PaymentGateway provider, Idempotency idempotency) {
    this.provider = provider;
    this.idempotency = idempotency;
  }

  @Override
  public Authorization authorize(String idempotencyKey, String token, Money amount, int attempt) {
    String response = once(idempotencyKey, "authorize|" + token + "|" + amount,
        () -> Json.write(provider.authorize(idempotencyKey, token, amount, attempt)));
    return Json.read(response, Authorization.class);
  }

  @Override
  public String capture(String idempotencyKey, String authorizationId, Money amount) {
    return once(idempotencyKey, "capture|" + authorizationId + "|" + amount,
        () -> provider.capture(idempotencyKey, authorizationId, amount));
  }

  @Override
  public String voidAuthorization(String idempotencyKey, String authorizationId) {
    return once(idempotencyKey, "void|" + authorizationId,
        () -> provider.voidAuthorization(idempotencyKey, authorizationId));
  }

  @Override
  public String refund(String idempotencyKey, String captureId, Money amount) {
    return once(idempotencyKey, "refund|" + captureId + "|" + amount,
        () -> provider.refund(idempotencyKey, captureId, amount));
  }

  private String once(String key, String request, Supplier<String> call) {
    try {
      return idempotency.run(key, Idempotency.hash(request), call).response();
    } catch (Idempotency.InProgress e) {
      // Another invocation is talking to the provider right now; the step's retry will replay it.
      throw new PaymentGatewayUnavailable(e.getMessage());
    }
  }
}

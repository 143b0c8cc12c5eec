package io.orderflow.charge;

import io.orderflow.idempotency.Idempotency;
import io.orderflow.order.Money;

/**
 * The payment provider of the local stack and of test deployments, driven by the test tokens of
 * API.md. It is stateless, because authorize, capture, void and refund run in different
 * functions: what a provider would remember travels inside its references ({@code
 * auth_<id>_<amount>_<currency>}), so a capture is checked against what was authorized and a
 * refund against what was captured. References derive from the idempotency key, so a repeated
 * request gets the same answer. Cumulative refund caps are the ledger's rule, not checked here.
 */
public final class SimulatedPaymentGateway implements PaymentGateway {

  /** {@code tok_processingError} fails this many times (attempts 0 and 1), then succeeds. */
  static final int TRANSIENT_FAILURES = 2;

  @Override
  public Authorization authorize(String idempotencyKey, String token, Money amount, int attempt) {
    String authorizationId = reference("auth", idempotencyKey, amount);
    return switch (token == null ? "" : token) {
      case "tok_visa", "tok_mastercard" -> Authorization.approved(authorizationId);
      case "tok_riskReview" -> Authorization.review(authorizationId);
      case "tok_chargeDeclined" -> Authorization.declined("card_declined");
      case "tok_insufficientFunds" -> Authorization.declined("insufficient_funds");
      case "tok_processingError" -> {
        if (attempt < TRANSIENT_FAILURES) {
          throw new PaymentGatewayUnavailable("processing error on attempt " + attempt + ", try again");
        }
        yield Authorization.approved(authorizationId);
      }
      default -> Authorization.declined("unknown_token");
    };
  }

  @Override
  public String capture(String idempotencyKey, String authorizationId, Money amount) {
    requireWithin(amount, Reference.parse(authorizationId, "auth"));
    return reference("cap", idempotencyKey, amount);
  }

  @Override
  public String voidAuthorization(String idempotencyKey, String authorizationId) {
    Reference.parse(authorizationId, "auth");
    return "void_" + id(idempotencyKey);
  }

  @Override
  public String refund(String idempotencyKey, String captureId, Money amount) {
    requireWithin(amount, Reference.parse(captureId, "cap"));
    return "re_" + id(idempotencyKey);
  }

  private static void requireWithin(Money amount, Reference reference) {
    if (!amount.isPositive() || amount.isGreaterThan(reference.amount())) {
      throw new IllegalArgumentException(
          "cannot move " + amount + " against " + reference.text() + ", which holds " + reference.amount());
    }
  }

  private static String reference(String prefix, String idempotencyKey, Money amount) {
    return prefix + "_" + id(idempotencyKey) + "_" + amount.amountString() + "_" + amount.currencyCode();
  }

  private static String id(String idempotencyKey) {
    return Idempotency.hash(idempotencyKey).substring(0, 16);
  }

  /** A reference this simulation issued, with the amount it holds. */
  private record Reference(String text, Money amount) {

    static Reference parse(String text, String prefix) {
      String[] parts = text == null ? new String[0] : text.split("_");
      if (parts.length != 4 || !parts[0].equals(prefix)) {
        throw new IllegalArgumentException("not a " + prefix + " reference of this provider: " + text);
      }
      return new Reference(text, Money.of(parts[2], parts[3]));
    }
  }
}

package io.orderflow.charge;

import io.orderflow.order.Money;

/**
 * Port: the payment provider. Every call carries the provider's idempotency key: the same key
 * again returns the first call's result and moves no money twice (as card providers do).
 * Transient provider trouble is {@link PaymentGatewayUnavailable}; a refused capture, void or
 * refund (more than the provider holds) is an {@link IllegalArgumentException}, a bug upstream.
 */
public interface PaymentGateway {

  /**
   * Authorizes {@code amount} on the card behind {@code token}.
   *
   * @param attempt which try of this request this is (0 first); providers may ignore it, the
   *     simulation uses it to fail transiently a fixed number of times
   */
  Authorization authorize(String idempotencyKey, String token, Money amount, int attempt);

  /** Captures {@code amount} of an authorization; returns the capture's reference. */
  String capture(String idempotencyKey, String authorizationId, Money amount);

  /** Releases what is left of an authorization; returns the void's reference. */
  String voidAuthorization(String idempotencyKey, String authorizationId);

  /** Pays {@code amount} of a capture back; returns the refund's reference. */
  String refund(String idempotencyKey, String captureId, Money amount);

  /** The provider's answer to an authorization. */
  record Authorization(Outcome outcome, String authorizationId, String declineCode) {

    public enum Outcome {
      APPROVED,
      /** Authorized, but the provider's risk check wants a person to look before shipping. */
      REVIEW,
      DECLINED
    }

    public static Authorization approved(String authorizationId) {
      return new Authorization(Outcome.APPROVED, authorizationId, null);
    }

    public static Authorization review(String authorizationId) {
      return new Authorization(Outcome.REVIEW, authorizationId, null);
    }

    public static Authorization declined(String declineCode) {
      return new Authorization(Outcome.DECLINED, null, declineCode);
    }
  }
}

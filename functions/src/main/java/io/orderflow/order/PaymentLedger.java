package io.orderflow.order;

import io.orderflow.order.LedgerEntry.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * The money ledger of one order: authorize, capture, void, refund. Its rules are the money rules
 * of the product: capture at most what was authorized, void only what was not captured, and refund
 * at most what was captured minus what was already refunded. Each operation returns a new ledger;
 * a repeated request id returns the ledger unchanged, so retries never move money twice.
 */
public final class PaymentLedger {

  /** What shops see as {@code payment.status}. */
  public enum Status {
    NONE,
    AUTHORIZED,
    VOIDED,
    CAPTURED,
    PARTIALLY_REFUNDED,
    REFUNDED
  }

  private final Currency currency;
  private final List<LedgerEntry> entries;

  public PaymentLedger(Currency currency, List<LedgerEntry> entries) {
    this.currency = currency;
    List<LedgerEntry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(LedgerEntry::at).thenComparing(LedgerEntry::entryId));
    this.entries = List.copyOf(sorted);
    for (LedgerEntry entry : this.entries) {
      if (!entry.amount().currency().equals(currency)) {
        throw new IllegalArgumentException("ledger in " + currency + " has an entry in " + entry.amount().currency());
      }
    }
  }

  public static PaymentLedger empty(Currency currency) {
    return new PaymentLedger(currency, List.of());
  }

  public List<LedgerEntry> entries() {
    return entries;
  }

  public Currency currency() {
    return currency;
  }

  public Money authorized() {
    return sum(Kind.AUTHORIZE);
  }

  public Money captured() {
    return sum(Kind.CAPTURE);
  }

  public Money voided() {
    return sum(Kind.VOID);
  }

  public Money refunded() {
    return sum(Kind.REFUND);
  }

  /** What can still be refunded: captured minus refunded. */
  public Money refundable() {
    return captured().minus(refunded());
  }

  /** What can still be captured: authorized minus captured minus voided. */
  public Money capturable() {
    return authorized().minus(captured()).minus(voided());
  }

  public Optional<LedgerEntry> authorization() {
    return entries.stream().filter(e -> e.kind() == Kind.AUTHORIZE).findFirst();
  }

  public Optional<LedgerEntry> capture() {
    return entries.stream().filter(e -> e.kind() == Kind.CAPTURE).findFirst();
  }

  public boolean hasRequest(String requestId) {
    return entries.stream().anyMatch(e -> e.requestId().equals(requestId));
  }

  public Status status() {
    if (refunded().isPositive()) {
      return refundable().isZero() ? Status.REFUNDED : Status.PARTIALLY_REFUNDED;
    }
    if (captured().isPositive()) {
      return Status.CAPTURED;
    }
    if (voided().isPositive()) {
      return Status.VOIDED;
    }
    return authorized().isPositive() ? Status.AUTHORIZED : Status.NONE;
  }

  public PaymentLedger authorize(String requestId, Money amount, String reference, Instant at) {
    if (hasRequest(requestId)) {
      return this;
    }
    requirePositive(amount);
    if (authorization().isPresent()) {
      throw new LedgerRuleViolation("the order is already authorized");
    }
    return with(new LedgerEntry(entryId(at), Kind.AUTHORIZE, amount, at, requestId, reference));
  }

  public PaymentLedger capture(String requestId, Money amount, String reference, Instant at) {
    if (hasRequest(requestId)) {
      return this;
    }
    requirePositive(amount);
    if (amount.isGreaterThan(capturable())) {
      throw new LedgerRuleViolation("cannot capture " + amount + ": only " + capturable() + " is authorized and open");
    }
    return with(new LedgerEntry(entryId(at), Kind.CAPTURE, amount, at, requestId, reference));
  }

  /** Releases the open authorization; nothing to void is not an error (compensations repeat). */
  public PaymentLedger voidAuthorization(String requestId, String reference, Instant at) {
    if (hasRequest(requestId) || !capturable().isPositive()) {
      return this;
    }
    if (captured().isPositive()) {
      throw new LedgerRuleViolation("a captured payment is refunded, not voided");
    }
    return with(new LedgerEntry(entryId(at), Kind.VOID, capturable(), at, requestId, reference));
  }

  public PaymentLedger refund(String requestId, Money amount, String reference, Instant at) {
    if (hasRequest(requestId)) {
      return this;
    }
    requirePositive(amount);
    if (amount.isGreaterThan(refundable())) {
      throw new LedgerRuleViolation(
          "cannot refund " + amount + ": captured " + captured() + ", already refunded " + refunded());
    }
    return with(new LedgerEntry(entryId(at), Kind.REFUND, amount, at, requestId, reference));
  }

  /** The entries of {@code this} that {@code before} does not have: what an operation added. */
  public List<LedgerEntry> addedSince(PaymentLedger before) {
    return entries.stream().filter(e -> !before.entries.contains(e)).toList();
  }

  private PaymentLedger with(LedgerEntry entry) {
    List<LedgerEntry> next = new ArrayList<>(entries);
    next.add(entry);
    return new PaymentLedger(currency, next);
  }

  private Money sum(Kind kind) {
    Money total = Money.zero(currency);
    for (LedgerEntry entry : entries) {
      if (entry.kind() == kind) {
        total = total.plus(entry.amount());
      }
    }
    return total;
  }

  private void requirePositive(Money amount) {
    if (!amount.isPositive()) {
      throw new LedgerRuleViolation("amount must be positive: " + amount);
    }
    if (!amount.currency().equals(currency)) {
      throw new LedgerRuleViolation("ledger is in " + currency + ", not " + amount.currency());
    }
  }

  private String entryId(Instant at) {
    return at.toString() + "#" + String.format("%03d", entries.size() + 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PaymentLedger other && currency.equals(other.currency) && entries.equals(other.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  /** A money movement the ledger rules forbid. */
  public static class LedgerRuleViolation extends RuntimeException {
    public LedgerRuleViolation(String message) {
      super(message);
    }
  }
}

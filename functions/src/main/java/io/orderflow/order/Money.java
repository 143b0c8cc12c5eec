package io.orderflow.order;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of one currency, exact: a {@link BigDecimal} scaled to the currency's minor units
 * (2 for USD, 0 for JPY). Never a float. Arithmetic across currencies is an error. JSON form:
 * {@code {"amount": "59.80", "currency": "USD"}} (a decimal string, so no client reads a float).
 */
@JsonAutoDetect(isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, Currency currency)
    implements Comparable<Money> {

  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    int scale = Math.max(currency.getDefaultFractionDigits(), 0);
    if (amount.stripTrailingZeros().scale() > scale) {
      throw new IllegalArgumentException(
          amount.toPlainString() + " has more decimals than " + currency.getCurrencyCode() + " allows");
    }
    amount = amount.setScale(scale, RoundingMode.UNNECESSARY);
  }

  /** Parses a decimal string and an ISO 4217 code, e.g. {@code Money.of("29.90", "USD")}. */
  public static Money of(String amount, String currencyCode) {
    Currency currency;
    try {
      currency = Currency.getInstance(currencyCode);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("unknown currency " + currencyCode);
    }
    try {
      return new Money(new BigDecimal(amount), currency);
    } catch (NumberFormatException | NullPointerException e) {
      throw new IllegalArgumentException("not a decimal amount: " + amount);
    }
  }

  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  public static Money zero(String currencyCode) {
    return zero(Currency.getInstance(currencyCode));
  }

  public Money plus(Money other) {
    return new Money(amount.add(sameCurrency(other).amount), currency);
  }

  public Money minus(Money other) {
    return new Money(amount.subtract(sameCurrency(other).amount), currency);
  }

  public Money times(int quantity) {
    return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
  }

  /**
   * This amount's share {@code part/whole}, rounded down to minor units, so that shares of a total
   * never add up to more than the total.
   */
  public Money share(long part, long whole) {
    if (whole <= 0 || part < 0 || part > whole) {
      throw new IllegalArgumentException("share " + part + "/" + whole);
    }
    BigDecimal value = amount.multiply(BigDecimal.valueOf(part))
        .divide(BigDecimal.valueOf(whole), amount.scale(), RoundingMode.DOWN);
    return new Money(value, currency);
  }

  public boolean isZero() {
    return amount.signum() == 0;
  }

  public boolean isNegative() {
    return amount.signum() < 0;
  }

  public boolean isPositive() {
    return amount.signum() > 0;
  }

  public boolean isGreaterThan(Money other) {
    return compareTo(other) > 0;
  }

  public String currencyCode() {
    return currency.getCurrencyCode();
  }

  /** The amount as a plain decimal string with the currency's minor units, e.g. {@code "59.80"}. */
  public String amountString() {
    return amount.toPlainString();
  }

  @Override
  public int compareTo(Money other) {
    return amount.compareTo(sameCurrency(other).amount);
  }

  private Money sameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException(
          "cannot combine " + currency.getCurrencyCode() + " with " + other.currency.getCurrencyCode());
    }
    return other;
  }

  @Override
  public String toString() {
    return amountString() + " " + currencyCode();
  }
}

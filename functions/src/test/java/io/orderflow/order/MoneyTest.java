package io.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

  @Test
  void keepsTheCurrencysMinorUnitsExactly() {
    assertThat(Money.of("29.9", "USD").amountString()).isEqualTo("29.90");
    assertThat(Money.of("1500", "JPY").amountString()).isEqualTo("1500");
    assertThat(Money.of("0.1", "USD").plus(Money.of("0.2", "USD"))).isEqualTo(Money.of("0.30", "USD"));
  }

  @Test
  void multipliesLineTotalsWithoutRounding() {
    assertThat(Money.of("29.90", "USD").times(2)).isEqualTo(Money.of("59.80", "USD"));
    assertThat(Money.of("19.99", "EUR").times(999).amountString()).isEqualTo("19970.01");
  }

  @Test
  void refusesMoreDecimalsThanTheCurrencyHas() {
    assertThatThrownBy(() -> Money.of("1.005", "USD")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Money.of("10.5", "JPY")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesUnknownCurrenciesAndNonNumbers() {
    assertThatThrownBy(() -> Money.of("1.00", "XYZ")).hasMessageContaining("unknown currency");
    assertThatThrownBy(() -> Money.of("ten", "USD")).hasMessageContaining("not a decimal");
  }

  @Test
  void neverMixesCurrencies() {
    assertThatThrownBy(() -> Money.of("1.00", "USD").plus(Money.of("1.00", "EUR")))
        .hasMessageContaining("cannot combine USD with EUR");
  }

  @Test
  void sharesRoundDownSoTheyNeverExceedTheWhole() {
    Money total = Money.of("10.00", "USD");
    Money third = total.share(1, 3);
    assertThat(third).isEqualTo(Money.of("3.33", "USD"));
    assertThat(third.times(3).isGreaterThan(total)).isFalse();
  }
}

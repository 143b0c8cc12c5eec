package io.orderflow.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.order.CatalogItem;
import io.orderflow.order.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Set;
import java.util.regex.Pattern;

/** The body of {@code PUT /ops/catalog/{sku}}: {@code {"name", "unitPrice": {"amount", "currency"}, "active"}}. */
record CatalogItemRequest(String name, Money unitPrice, boolean active) {

  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,15}(\\.[0-9]{1,15})?");
  private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

  static CatalogItemRequest read(JsonNode body) {
    FieldReader root = FieldReader.body(body).allowOnly(Set.of("name", "unitPrice", "active"));
    String name = root.text("name", 200);
    FieldReader price = root.object("unitPrice");
    Money unitPrice = price == null ? null : unitPrice(price);
    Boolean active = root.bool("active");
    root.throwIfInvalid();
    return new CatalogItemRequest(name, unitPrice, active);
  }

  CatalogItem toItem(String sku) {
    return new CatalogItem(sku, name, unitPrice, active);
  }

  /** A positive decimal string in an ISO 4217 currency, with no more decimals than it has minor units. */
  private static Money unitPrice(FieldReader price) {
    price.allowOnly(Set.of("amount", "currency"));
    String amount = price.text("amount", 32);
    String code = price.text("currency", 3);
    Currency currency = code == null ? null : currency(price, code);
    if (amount == null || currency == null) {
      return null;
    }
    if (!DECIMAL.matcher(amount).matches()) {
      price.problem("amount", "must be a decimal string such as \"29.90\"");
      return null;
    }
    BigDecimal value = new BigDecimal(amount);
    if (value.signum() <= 0) {
      price.problem("amount", "must be positive");
      return null;
    }
    if (value.stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
      price.problem("amount", "has more decimals than " + code + " allows");
      return null;
    }
    return new Money(value, currency);
  }

  private static Currency currency(FieldReader price, String code) {
    try {
      // Funds and metals (XAU, XXX) have no minor units (-1): nothing a shop prices in.
      if (CURRENCY_CODE.matcher(code).matches()) {
        Currency currency = Currency.getInstance(code);
        if (currency.getDefaultFractionDigits() >= 0) {
          return currency;
        }
      }
    } catch (IllegalArgumentException e) {
      // not an ISO 4217 code: answered below
    }
    price.problem("currency", "must be an ISO 4217 currency code such as USD");
    return null;
  }
}

package io.orderflow.store;

import io.orderflow.order.Money;
import io.orderflow.platform.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Conversions between DynamoDB attribute values and the domain's value types, shared by the
 * mappers. Money is a decimal string plus a currency code and numbers travel as DynamoDB numbers
 * (decimal strings on the wire), so nothing passes through a float.
 */
final class Attributes {

  /**
   * ISO-8601 with exactly nine fraction digits. {@link Instant#toString()} drops trailing zeros,
   * and then {@code 12:00:00Z} sorts after {@code 12:00:00.5Z}; a fixed width makes string order
   * time order for sort keys and index keys.
   */
  private static final DateTimeFormatter SORTABLE_INSTANT = new DateTimeFormatterBuilder().appendInstant(9).toFormatter();

  private Attributes() {}

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  static String sortable(Instant instant) {
    return SORTABLE_INSTANT.format(instant);
  }

  static AttributeValue instant(Instant instant) {
    return s(sortable(instant));
  }

  static AttributeValue money(Money money) {
    return AttributeValue.fromM(Map.of("amount", s(money.amountString()), "currency", s(money.currencyCode())));
  }

  /** Adds {@code name} only when {@code value} is present: absent attributes read back as null. */
  static void putIfPresent(Map<String, AttributeValue> item, String name, AttributeValue value) {
    if (value != null) {
      item.put(name, value);
    }
  }

  static AttributeValue sOrNull(String value) {
    return value == null ? null : s(value);
  }

  static AttributeValue sOrNull(Enum<?> value) {
    return value == null ? null : s(value.name());
  }

  static AttributeValue instantOrNull(Instant value) {
    return value == null ? null : instant(value);
  }

  static AttributeValue dateOrNull(LocalDate value) {
    return value == null ? null : s(value.toString());
  }

  static AttributeValue moneyOrNull(Money value) {
    return value == null ? null : money(value);
  }

  static String string(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  static String required(Map<String, AttributeValue> item, String name) {
    String value = string(item, name);
    if (value == null) {
      throw new IllegalStateException("stored item " + item.get("pk") + " has no " + name);
    }
    return value;
  }

  static long number(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
  }

  static <E extends Enum<E>> E enumOrNull(Map<String, AttributeValue> item, String name, Class<E> type) {
    String value = string(item, name);
    return value == null ? null : Enum.valueOf(type, value);
  }

  static Instant instantOrNull(Map<String, AttributeValue> item, String name) {
    String value = string(item, name);
    return value == null ? null : Instant.parse(value);
  }

  static LocalDate dateOrNull(Map<String, AttributeValue> item, String name) {
    String value = string(item, name);
    return value == null ? null : LocalDate.parse(value);
  }

  static Money moneyOrNull(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    if (value == null || !value.hasM()) {
      return null;
    }
    return Money.of(value.m().get("amount").s(), value.m().get("currency").s());
  }

  static Map<String, AttributeValue> mapOrNull(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || !value.hasM() ? null : value.m();
  }

  static List<Map<String, AttributeValue>> maps(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    if (value == null || !value.hasL()) {
      return List.of();
    }
    return value.l().stream().map(AttributeValue::m).toList();
  }

  /**
   * A plain value (string, number, boolean, null, list, map) as an attribute, for free-form
   * details. Anything else goes through the JSON mapper first, as it would on its way to a client.
   */
  static AttributeValue plain(Object value) {
    if (value == null) {
      return AttributeValue.fromNul(true);
    }
    if (value instanceof String text) {
      return s(text);
    }
    if (value instanceof Boolean bool) {
      return AttributeValue.fromBool(bool);
    }
    if (value instanceof Double || value instanceof Float) {
      return AttributeValue.fromN(BigDecimal.valueOf(((Number) value).doubleValue()).toPlainString());
    }
    if (value instanceof BigDecimal decimal) {
      return AttributeValue.fromN(decimal.toPlainString());
    }
    if (value instanceof Number number) {
      return AttributeValue.fromN(number.toString());
    }
    if (value instanceof Enum<?> constant) {
      return s(constant.name());
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, AttributeValue> converted = new LinkedHashMap<>();
      map.forEach((key, entry) -> converted.put(String.valueOf(key), plain(entry)));
      return AttributeValue.fromM(converted);
    }
    if (value instanceof Collection<?> collection) {
      return AttributeValue.fromL(collection.stream().map(Attributes::plain).toList());
    }
    return plain(Json.MAPPER.convertValue(value, Object.class));
  }

  /** The inverse of {@link #plain(Object)}: whole numbers come back as Integer, Long or BigInteger. */
  static Object plain(AttributeValue value) {
    if (value.s() != null) {
      return value.s();
    }
    if (value.n() != null) {
      return number(value.n());
    }
    if (value.bool() != null) {
      return value.bool();
    }
    if (value.hasM()) {
      Map<String, Object> map = new LinkedHashMap<>();
      value.m().forEach((key, entry) -> map.put(key, plain(entry)));
      return map;
    }
    if (value.hasL()) {
      List<Object> list = new ArrayList<>();
      value.l().forEach(entry -> list.add(plain(entry)));
      return list;
    }
    return null;
  }

  private static Number number(String digits) {
    BigDecimal decimal = new BigDecimal(digits);
    if (decimal.scale() > 0) {
      return decimal;
    }
    BigInteger whole = decimal.toBigIntegerExact();
    if (whole.bitLength() < Integer.SIZE) {
      return whole.intValue();
    }
    return whole.bitLength() < Long.SIZE ? whole.longValue() : whole;
  }
}

package io.orderflow.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.order.Address;
import io.orderflow.order.CatalogItem;
import io.orderflow.order.Order;
import io.orderflow.order.Order.Invoice;
import io.orderflow.order.Order.PaymentMethod;
import io.orderflow.order.Order.ShippingSpeed;
import io.orderflow.order.OrderLine;
import io.orderflow.platform.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The body of {@code POST /orders}, checked field by field. It carries no price and no status:
 * prices come from the catalog and every order starts PENDING.
 */
record OrderRequest(
    List<Line> lines,
    Address shippingAddress,
    PaymentMethod payment,
    ShippingSpeed shippingSpeed,
    Invoice invoice) {

  record Line(String sku, int quantity) {}

  static final int MAX_LINES = 100;

  private static final int MAX_TEXT = 200;
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final List<String> SPEEDS =
      Arrays.stream(ShippingSpeed.values()).map(Enum::name).toList();

  /** Reads a parsed body, or throws VALIDATION_FAILED listing every problem. */
  static OrderRequest read(JsonNode body) {
    FieldReader root = FieldReader.body(body)
        .allowOnly(Set.of("lines", "shippingAddress", "payment", "shippingSpeed", "invoice"));
    List<Line> lines = lines(root);
    Address address = address(root.object("shippingAddress"));
    PaymentMethod payment = payment(root.object("payment"));
    ShippingSpeed speed = speed(root);
    FieldReader invoiceFields = root.optionalObject("invoice");
    Invoice invoice = invoiceFields == null ? null : invoice(invoiceFields);
    root.throwIfInvalid();
    return new OrderRequest(lines, address, payment, speed, invoice);
  }

  /**
   * The request in one canonical JSON form (fixed field order, defaults filled in, no whitespace),
   * so a retry that formats the same order differently is still the same request.
   */
  String canonicalJson() {
    return Json.write(this);
  }

  /** The lines priced from the catalog; a SKU it does not know stays unpriced (validate rejects it). */
  List<OrderLine> pricedLines(Map<String, CatalogItem> catalog) {
    return lines.stream()
        .map(line -> new OrderLine(
            line.sku(), line.quantity(),
            catalog.containsKey(line.sku()) ? catalog.get(line.sku()).unitPrice() : null))
        .toList();
  }

  /** Whether {@code order} was placed from this request (prices aside, which the catalog set). */
  boolean placed(Order order) {
    List<Line> placedLines =
        order.lines().stream().map(line -> new Line(line.sku(), line.quantity())).toList();
    return placedLines.equals(lines)
        && Objects.equals(order.shippingAddress(), shippingAddress)
        && Objects.equals(order.paymentMethod(), payment)
        && order.shippingSpeed() == shippingSpeed
        && Objects.equals(order.invoice(), invoice);
  }

  private static List<Line> lines(FieldReader root) {
    List<Line> lines = new ArrayList<>();
    for (FieldReader line : root.objects("lines", 1, MAX_LINES)) {
      line.allowOnly(Set.of("sku", "quantity"));
      String sku = line.text("sku", 64);
      if (sku != null && !Identifiers.isSku(sku)) {
        line.problem("sku", "must match " + Identifiers.SKU.pattern());
      }
      Integer quantity = line.integer("quantity", 1, OrderLine.MAX_QUANTITY);
      if (sku != null && quantity != null) {
        lines.add(new Line(sku, quantity));
      }
    }
    return lines;
  }

  private static Address address(FieldReader fields) {
    if (fields == null) {
      return null;
    }
    fields.allowOnly(
        Set.of("name", "line1", "line2", "city", "region", "postalCode", "country", "phone"));
    String country = fields.text("country", 2);
    if (country != null && !COUNTRIES.contains(country)) {
      fields.problem("country", "must be an ISO 3166-1 alpha-2 code such as US");
    }
    return new Address(
        fields.text("name", MAX_TEXT),
        fields.text("line1", MAX_TEXT),
        fields.optionalText("line2", MAX_TEXT),
        fields.text("city", MAX_TEXT),
        fields.optionalText("region", MAX_TEXT),
        fields.text("postalCode", 20),
        country,
        fields.optionalText("phone", 32));
  }

  private static PaymentMethod payment(FieldReader fields) {
    if (fields == null) {
      return null;
    }
    fields.allowOnly(Set.of("method", "token"));
    String method = fields.text("method", 16);
    if (method != null && !method.equals("card")) {
      fields.problem("method", "must be card");
    }
    return new PaymentMethod(method, fields.text("token", 256));
  }

  private static ShippingSpeed speed(FieldReader root) {
    String speed = root.optionalText("shippingSpeed", 16);
    if (speed == null) {
      return ShippingSpeed.STANDARD;
    }
    if (!SPEEDS.contains(speed)) {
      root.problem("shippingSpeed", "must be " + String.join(" or ", SPEEDS));
      return null;
    }
    return ShippingSpeed.valueOf(speed);
  }

  private static Invoice invoice(FieldReader fields) {
    fields.allowOnly(Set.of("title", "taxId"));
    return new Invoice(fields.text("title", MAX_TEXT), fields.optionalText("taxId", 64));
  }
}

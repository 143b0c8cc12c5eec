package io.orderflow.order;

/** A shipping address; {@code country} is ISO 3166-1 alpha-2. */
public record Address(
    String name,
    String line1,
    String line2,
    String city,
    String region,
    String postalCode,
    String country,
    String phone) {}

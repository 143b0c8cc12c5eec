package io.orderflow.order;

/** A product as ops put it in the catalog: the only source of prices. */
public record CatalogItem(String sku, String name, Money unitPrice, boolean active) {}

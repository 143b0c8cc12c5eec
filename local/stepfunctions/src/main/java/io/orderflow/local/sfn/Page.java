package io.orderflow.local.sfn;

import java.util.List;

/** One page of a list call; {@code nextToken} is null on the last page. */
public record Page<T>(List<T> items, String nextToken) {}

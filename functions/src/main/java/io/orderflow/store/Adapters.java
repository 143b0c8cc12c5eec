package io.orderflow.store;

import io.orderflow.idempotency.IdempotencyStore;
import io.orderflow.intake.WorkflowStarter;
import io.orderflow.order.Catalog;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.QueuePublisher;
import io.orderflow.order.WorkflowCallbacks;
import io.orderflow.reserve.Inventory;
import java.time.Clock;

/**
 * The composition root: every port wired to its AWS adapter. Handlers' no-argument constructors
 * use {@link #shared()}, built once per execution environment from the standard environment
 * (region, credentials, {@code AWS_ENDPOINT_URL_*}, table and queue names from {@code
 * io.orderflow.platform}); the local stack builds one with explicit clients.
 */
public final class Adapters {
  // Filled in by the store adapters work: see the store package.
  public static Adapters shared() {
    throw new UnsupportedOperationException("not wired yet");
  }

  public OrderRepository orders() {
    throw new UnsupportedOperationException("not wired yet");
  }

  public Catalog catalog() {
    throw new UnsupportedOperationException("not wired yet");
  }

  public Inventory inventory() {
    throw new UnsupportedOperationException("not wired yet");
  }

  public IdempotencyStore idempotency() {
    throw new UnsupportedOperationException("not wired yet");
  }

  public QueuePublisher queues() {
    throw new UnsupportedOperationException("not wired yet");
  }

  public WorkflowCallbacks callbacks() {
    throw new UnsupportedOperationException("not wired yet");
  }

  public WorkflowStarter workflowStarter() {
    throw new UnsupportedOperationException("not wired yet");
  }

  public Clock clock() {
    return Clock.systemUTC();
  }
}

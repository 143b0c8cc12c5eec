package io.orderflow.platform;

import java.time.Duration;

/** The SQS work queues; each has a dead-letter queue and server-side encryption. */
public enum Queue {
  // Six times the intake function's timeout, as AWS recommends for Lambda event sources.
  ORDER_INTAKE("order-intake", "ORDER_INTAKE_QUEUE_URL", 5, Duration.ofSeconds(120)),
  CARRIER_REQUESTS("carrier-requests", "CARRIER_REQUESTS_QUEUE_URL", 5, Duration.ofSeconds(60)),
  NOTIFICATIONS("notifications", "NOTIFICATIONS_QUEUE_URL", 5, Duration.ofSeconds(60)),
  AFTERSALES_TICKETS("aftersales-tickets", "AFTERSALES_TICKETS_QUEUE_URL", 5, Duration.ofSeconds(60)),
  RESTOCK_REQUESTS("restock-requests", "RESTOCK_REQUESTS_QUEUE_URL", 3, Duration.ofSeconds(60));

  private final String baseName;
  private final String environmentVariable;
  private final int maxReceiveCount;
  private final Duration visibilityTimeout;

  Queue(String baseName, String environmentVariable, int maxReceiveCount, Duration visibilityTimeout) {
    this.baseName = baseName;
    this.environmentVariable = environmentVariable;
    this.maxReceiveCount = maxReceiveCount;
    this.visibilityTimeout = visibilityTimeout;
  }

  /** Short name, e.g. {@code order-intake}; also the CDK construct id. */
  public String baseName() {
    return baseName;
  }

  public String localName() {
    return "orderflow-" + baseName;
  }

  public String deadLetterLocalName() {
    return localName() + "-dlq";
  }

  /** The environment variable through which handlers learn the queue URL. */
  public String environmentVariable() {
    return environmentVariable;
  }

  /** Receives before a message moves to the dead-letter queue. */
  public int maxReceiveCount() {
    return maxReceiveCount;
  }

  /** Must stay well above the consuming function's timeout. */
  public Duration visibilityTimeout() {
    return visibilityTimeout;
  }

  /** The ASL placeholder for this queue's URL, e.g. {@code CarrierRequestsQueueUrl}. */
  public String placeholder() {
    return Names.pascal(baseName) + "QueueUrl";
  }
}

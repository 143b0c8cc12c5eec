package io.orderflow.infrastructure;

import io.orderflow.platform.Queue;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * A work queue of {@link Queue} with its dead-letter queue: both encrypted, both refusing non-TLS
 * access, and an alarm as soon as one message is dead-lettered (every message there is an order
 * that stopped moving).
 */
public final class ResilientQueue extends Construct {

  public record Props(Queue spec) {}

  /** Long enough to investigate and redrive after a weekend. */
  private static final Duration DEAD_LETTER_RETENTION = Duration.days(14);

  private final software.amazon.awscdk.services.sqs.Queue queue;
  private final software.amazon.awscdk.services.sqs.Queue deadLetterQueue;
  private final Alarm deadLetterAlarm;

  public ResilientQueue(Construct scope, String id, Props props) {
    super(scope, id);
    Queue spec = props.spec();
    deadLetterQueue =
        software.amazon.awscdk.services.sqs.Queue.Builder.create(this, "DeadLetters")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .retentionPeriod(DEAD_LETTER_RETENTION)
            .build();
    queue =
        software.amazon.awscdk.services.sqs.Queue.Builder.create(this, "Queue")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .visibilityTimeout(Duration.seconds(spec.visibilityTimeout().toSeconds()))
            .deadLetterQueue(
                DeadLetterQueue.builder()
                    .queue(deadLetterQueue)
                    .maxReceiveCount(spec.maxReceiveCount())
                    .build())
            .build();
    deadLetterAlarm =
        firstMessageAlarm(
            this,
            "DeadLettersAlarm",
            deadLetterQueue,
            "Messages in the " + spec.baseName() + " dead-letter queue: inspect and redrive");
  }

  /**
   * Raised by the first message in a queue that should stay empty (a dead-letter or failure
   * queue): every message there is an order, a return or a stock change that needs a person.
   */
  static Alarm firstMessageAlarm(Construct scope, String id, IQueue queue, String description) {
    return Alarm.Builder.create(scope, id)
        .alarmDescription(description)
        .metric(
            queue.metricApproximateNumberOfMessagesVisible(
                MetricOptions.builder().period(Duration.minutes(1)).statistic("Maximum").build()))
        .threshold(0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
        .evaluationPeriods(1)
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build();
  }

  public IQueue queue() {
    return queue;
  }

  public IQueue deadLetterQueue() {
    return deadLetterQueue;
  }

  public Alarm deadLetterAlarm() {
    return deadLetterAlarm;
  }
}

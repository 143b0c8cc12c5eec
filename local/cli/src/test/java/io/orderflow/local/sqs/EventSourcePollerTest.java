package io.orderflow.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.orderflow.local.embedded.EmbeddedSqs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The event source mapping against ElasticMQ: batches, partial failures, redrive to the DLQ. */
class EventSourcePollerTest {

  private static EmbeddedSqs server;
  private static SqsClient sqs;

  @BeforeAll
  static void startSqs() {
    server = EmbeddedSqs.start(0);
    sqs = SqsClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @AfterAll
  static void stopSqs() {
    sqs.close();
    server.close();
  }

  @Test
  void deliversBatchesAsSqsEventsAndRetriesOnlyTheReportedFailures() {
    String queue = queueWithDeadLetters("partial", 5).queueUrl();
    for (int i = 0; i < 15; i++) {
      String body = "m" + i;
      sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body));
    }
    sqs.sendMessage(b -> b.queueUrl(queue).messageBody("flaky"));
    Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    Queue<Integer> batchSizes = new ConcurrentLinkedQueue<>();
    Queue<SQSEvent.SQSMessage> records = new ConcurrentLinkedQueue<>();

    try (EventSourcePoller poller = new EventSourcePoller(sqs, queue, event -> {
      batchSizes.add(event.getRecords().size());
      records.addAll(event.getRecords());
      List<SQSBatchResponse.BatchItemFailure> failures = event.getRecords().stream()
          .filter(record -> deliveries.computeIfAbsent(record.getBody(), body -> new AtomicInteger()).incrementAndGet() == 1
              && record.getBody().equals("flaky"))
          .map(record -> new SQSBatchResponse.BatchItemFailure(record.getMessageId()))
          .toList();
      return new SQSBatchResponse(failures);
    }, Duration.ZERO).start()) {

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        assertThat(deliveries).hasSize(16);
        assertThat(deliveries.get("flaky")).hasValue(2);
        assertThat(approximateMessages(queue)).isZero();
      });
    }
    assertThat(batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, EventSourcePoller.BATCH_SIZE));
    assertThat(deliveries).allSatisfy((body, count) -> assertThat(count.get()).isEqualTo(body.equals("flaky") ? 2 : 1));
    SQSEvent.SQSMessage record = records.peek();
    assertThat(record.getEventSource()).isEqualTo("aws:sqs");
    assertThat(record.getEventSourceArn()).endsWith(":partial");
    assertThat(record.getAttributes()).containsKey("ApproximateReceiveCount");
  }

  @Test
  void aMessageThatKeepsFailingMovesToTheDeadLetterQueueAfterMaxReceiveCount() {
    QueuePair pair = queueWithDeadLetters("poison", 2);
    sqs.sendMessage(b -> b.queueUrl(pair.queueUrl()).messageBody("poison"));
    sqs.sendMessage(b -> b.queueUrl(pair.queueUrl()).messageBody("fine"));
    AtomicInteger poisonReceives = new AtomicInteger();
    Queue<String> handled = new ConcurrentLinkedQueue<>();

    try (EventSourcePoller poller = new EventSourcePoller(sqs, pair.queueUrl(), event -> {
      List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
      for (SQSEvent.SQSMessage record : event.getRecords()) {
        if (record.getBody().equals("poison")) {
          poisonReceives.incrementAndGet();
          failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
        } else {
          handled.add(record.getBody());
        }
      }
      return new SQSBatchResponse(failures);
    }, Duration.ZERO).start()) {

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        List<Message> dead = sqs.receiveMessage(b -> b.queueUrl(pair.deadLetterUrl()).waitTimeSeconds(1)).messages();
        assertThat(dead).extracting(Message::body).contains("poison");
      });
    }
    assertThat(poisonReceives).hasValue(2);
    assertThat(handled).contains("fine");
    assertThat(approximateMessages(pair.queueUrl())).isZero();
  }

  @Test
  void aFunctionErrorLeavesTheWholeBatchOnTheQueue() {
    String queue = queueWithDeadLetters("crashing", 5).queueUrl();
    sqs.sendMessage(b -> b.queueUrl(queue).messageBody("first"));
    AtomicInteger attempts = new AtomicInteger();

    try (EventSourcePoller poller = new EventSourcePoller(sqs, queue, event -> {
      if (attempts.incrementAndGet() == 1) {
        throw new IllegalStateException("cold start went wrong");
      }
      return null;
    }, Duration.ZERO).start()) {

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        assertThat(attempts).hasValueGreaterThanOrEqualTo(2);
        assertThat(approximateMessages(queue)).isZero();
      });
    }
    assertThat(attempts).hasValue(2);
  }

  private record QueuePair(String queueUrl, String deadLetterUrl) {}

  private static QueuePair queueWithDeadLetters(String name, int maxReceiveCount) {
    String deadLetterUrl = sqs.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
    String deadLetterArn = sqs.getQueueAttributes(b -> b.queueUrl(deadLetterUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    String queueUrl = sqs.createQueue(b -> b.queueName(name).attributes(Map.of(
        QueueAttributeName.REDRIVE_POLICY,
        "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":" + maxReceiveCount + "}")))
        .queueUrl();
    return new QueuePair(queueUrl, deadLetterUrl);
  }

  private static int approximateMessages(String queueUrl) {
    Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .attributes();
    return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }
}

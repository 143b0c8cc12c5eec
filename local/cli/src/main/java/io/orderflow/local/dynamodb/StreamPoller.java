package io.orderflow.local.dynamodb;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A Lambda DynamoDB stream event source mapping: reads every shard of a table's stream and hands
 * each batch to a function as a {@link DynamodbEvent}, in order. With
 * {@code ReportBatchItemFailures} the batch is retried from the first failed record (all of it when
 * the function throws); after {@link #MAX_ATTEMPTS} attempts the record is skipped and logged, where
 * the deployed mapping would send it to its failure queue. Like the deployed mapping's filter, a
 * filter keeps the records the function has no business with from reaching it.
 */
public final class StreamPoller implements AutoCloseable {

  /** The function behind the mapping. */
  @FunctionalInterface
  public interface BatchHandler {
    StreamsEventResponse handle(DynamodbEvent event) throws Exception;
  }

  static final int MAX_ATTEMPTS = 3;
  private static final int BATCH_SIZE = 100;
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
  private static final Logger LOG = LogManager.getLogger(StreamPoller.class);

  private final DynamoDbStreamsClient streams;
  private final String streamArn;
  private final BatchHandler handler;
  private final Predicate<DynamodbStreamRecord> filter;
  /** Shard id → where to read next; a shard leaves the map once it is closed and read to its end. */
  private final Map<String, String> iterators = new LinkedHashMap<>();
  private final Set<String> finishedShards = new HashSet<>();
  /** Shard id → the last sequence number done with (delivered, or given up on). */
  private final Map<String, String> checkpoints = new LinkedHashMap<>();
  /** Sequence number → deliveries that failed on it. */
  private final Map<String, Integer> attempts = new LinkedHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  public StreamPoller(
      DynamoDbStreamsClient streams, String streamArn, Predicate<DynamodbStreamRecord> filter, BatchHandler handler) {
    this.streams = streams;
    this.streamArn = streamArn;
    this.filter = filter;
    this.handler = handler;
    this.thread = new Thread(this::pollUntilClosed, "stream-" + streamArn.substring(streamArn.indexOf("table/") + 6));
    this.thread.setDaemon(true);
  }

  public StreamPoller start() {
    thread.start();
    return this;
  }

  private void pollUntilClosed() {
    while (running) {
      try {
        discoverNewShards();
        for (String shardId : List.copyOf(iterators.keySet())) {
          readShard(shardId);
        }
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (running) {
          LOG.error("reading the stream {} failed", streamArn, e);
        }
      }
    }
  }

  /**
   * Every shard is read from its oldest record (TRIM_HORIZON, as the deployed mapping starts): a
   * restart with {@code --data-dir} replays what the stream still holds, which the functions,
   * being idempotent, take in their stride.
   */
  private void discoverNewShards() {
    for (Shard shard : shards()) {
      if (!iterators.containsKey(shard.shardId()) && !finishedShards.contains(shard.shardId())) {
        iterators.put(shard.shardId(), iterator(shard.shardId(), ShardIteratorType.TRIM_HORIZON, null));
      }
    }
  }

  private void readShard(String shardId) {
    String iterator = iterators.get(shardId);
    GetRecordsResponse response;
    try {
      response = streams.getRecords(b -> b.shardIterator(iterator).limit(BATCH_SIZE));
    } catch (ExpiredIteratorException e) {
      // An iterator lives 15 minutes (a machine that slept, say): go on after the last record done.
      String checkpoint = checkpoints.get(shardId);
      iterators.put(shardId, checkpoint == null
          ? iterator(shardId, ShardIteratorType.TRIM_HORIZON, null)
          : iterator(shardId, ShardIteratorType.AFTER_SEQUENCE_NUMBER, checkpoint));
      return;
    } catch (TrimmedDataAccessException e) {
      // The records it pointed at are gone from the stream: go on from the oldest one left.
      iterators.put(shardId, iterator(shardId, ShardIteratorType.TRIM_HORIZON, null));
      return;
    }
    List<Record> records = response.records();
    if (records.isEmpty()) {
      advance(shardId, response.nextShardIterator());
      return;
    }
    Optional<String> failedAt = deliver(records);
    if (failedAt.isEmpty()) {
      records.forEach(record -> attempts.remove(record.dynamodb().sequenceNumber()));
      checkpoints.put(shardId, records.get(records.size() - 1).dynamodb().sequenceNumber());
      advance(shardId, response.nextShardIterator());
      return;
    }
    String sequenceNumber = failedAt.get();
    int attempt = attempts.merge(sequenceNumber, 1, Integer::sum);
    if (attempt < MAX_ATTEMPTS) {
      iterators.put(shardId, iterator(shardId, ShardIteratorType.AT_SEQUENCE_NUMBER, sequenceNumber));
    } else {
      LOG.error("giving up on stream record {} of {} after {} attempts", sequenceNumber, streamArn, attempt);
      attempts.remove(sequenceNumber);
      checkpoints.put(shardId, sequenceNumber);
      iterators.put(shardId, iterator(shardId, ShardIteratorType.AFTER_SEQUENCE_NUMBER, sequenceNumber));
    }
  }

  private void advance(String shardId, String next) {
    if (next == null) {
      iterators.remove(shardId);
      finishedShards.add(shardId);
    } else {
      iterators.put(shardId, next);
    }
  }

  /** Hands the batch's matching records over; the sequence number to retry from, if any failed. */
  private Optional<String> deliver(List<Record> records) {
    List<DynamodbStreamRecord> matching = records.stream()
        .map(record -> Conversions.record(record, streamArn))
        .filter(filter)
        .toList();
    if (matching.isEmpty()) {
      return Optional.empty();
    }
    try {
      DynamodbEvent event = new DynamodbEvent();
      event.setRecords(matching);
      StreamsEventResponse response = handler.handle(event);
      if (response == null || response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(response.getBatchItemFailures().get(0).getItemIdentifier());
    } catch (Exception e) {
      LOG.warn("function failed on a batch of {}; the whole batch will be retried", streamArn, e);
      return Optional.of(matching.get(0).getDynamodb().getSequenceNumber());
    }
  }

  private List<Shard> shards() {
    return streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards();
  }

  private String iterator(String shardId, ShardIteratorType type, String sequenceNumber) {
    return streams.getShardIterator(b -> b.streamArn(streamArn)
            .shardId(shardId)
            .shardIteratorType(type)
            .sequenceNumber(sequenceNumber))
        .shardIterator();
  }

  /** Stops reading; a batch being handled finishes first. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** From the SDK's stream records to the Lambda event's, field by field. */
  static final class Conversions {

    private Conversions() {}

    static DynamodbStreamRecord record(Record record, String streamArn) {
      DynamodbStreamRecord converted = new DynamodbStreamRecord();
      converted.setEventID(record.eventID());
      converted.setEventName(record.eventNameAsString());
      converted.setEventVersion(record.eventVersion());
      converted.setEventSource(record.eventSource());
      converted.setAwsRegion(record.awsRegion());
      converted.setEventSourceARN(streamArn);
      if (record.userIdentity() != null) {
        converted.setUserIdentity(new Identity()
            .withType(record.userIdentity().type())
            .withPrincipalId(record.userIdentity().principalId()));
      }
      software.amazon.awssdk.services.dynamodb.model.StreamRecord change = record.dynamodb();
      StreamRecord stream = new StreamRecord();
      stream.setKeys(item(change.keys()));
      stream.setOldImage(change.hasOldImage() ? item(change.oldImage()) : null);
      stream.setNewImage(change.hasNewImage() ? item(change.newImage()) : null);
      stream.setSequenceNumber(change.sequenceNumber());
      stream.setSizeBytes(change.sizeBytes());
      if (change.streamViewTypeAsString() != null) {
        stream.setStreamViewType(StreamViewType.fromValue(change.streamViewTypeAsString()));
      }
      if (change.approximateCreationDateTime() != null) {
        stream.setApproximateCreationDateTime(Date.from(change.approximateCreationDateTime()));
      }
      converted.setDynamodb(stream);
      return converted;
    }

    static Map<String, AttributeValue> item(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
      Map<String, AttributeValue> converted = new LinkedHashMap<>();
      item.forEach((name, value) -> converted.put(name, value(value)));
      return converted;
    }

    static AttributeValue value(software.amazon.awssdk.services.dynamodb.model.AttributeValue value) {
      AttributeValue converted = new AttributeValue();
      switch (value.type()) {
        case S -> converted.setS(value.s());
        case N -> converted.setN(value.n());
        case B -> converted.setB(value.b().asByteBuffer());
        case BOOL -> converted.setBOOL(value.bool());
        case NUL -> converted.setNULL(value.nul());
        case SS -> converted.setSS(value.ss());
        case NS -> converted.setNS(value.ns());
        case BS -> converted.setBS(value.bs().stream().map(bytes -> bytes.asByteBuffer()).toList());
        case M -> converted.setM(item(value.m()));
        case L -> converted.setL(value.l().stream().map(Conversions::value).toList());
        default -> throw new IllegalArgumentException("unknown attribute type in " + value);
      }
      return converted;
    }
  }
}

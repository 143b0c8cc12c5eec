package io.orderflow.local.carrier;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.orderflow.dispatch.CarrierRequest;
import io.orderflow.local.sqs.EventSourcePoller;
import io.orderflow.order.StatusReason;
import io.orderflow.platform.Json;
import io.orderflow.track.CarrierEvent;
import io.orderflow.track.CarrierSignatureVerifier;
import io.orderflow.track.CarrierStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A parcel carrier for the local stack. It takes pickup requests from the carrier-requests queue
 * and, one {@code pace} apart, posts signed tracking events to the real webhook over HTTP, as a
 * carrier's servers would. The test postal codes of API.md go wrong on purpose; pickups and
 * deliveries are posted twice, as real carriers retry, so the webhook's deduplication is always
 * exercised.
 */
public final class CarrierSimulator implements AutoCloseable {

  /** The carrier name the dispatch step books and the webhook path names. */
  public static final String CARRIER = "simcarrier";

  static final String ADDRESS_ISSUE_POSTAL_CODE = "00000";
  static final String LOST_POSTAL_CODE = "99999";
  private static final int MAX_ATTEMPTS = 3;
  private static final Logger LOG = LogManager.getLogger(CarrierSimulator.class);

  private final URI gateway;
  private final String secret;
  private final Duration pace;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "carrier-simulator");
    thread.setDaemon(true);
    return thread;
  });
  private final EventSourcePoller poller;

  /**
   * @param gateway the API base URL; events go to {@code /carriers/simcarrier/events}
   * @param pace real time between two scans of a parcel
   */
  public CarrierSimulator(SqsClient sqs, String carrierRequestsUrl, URI gateway, String secret, Duration pace) {
    this.gateway = gateway;
    this.secret = secret;
    this.pace = pace;
    this.poller = new EventSourcePoller(sqs, carrierRequestsUrl, this::accept, pace).start();
  }

  /** The scans a parcel to {@code shipTo} gets, in order. */
  static List<CarrierEvent> journey(CarrierRequest request) {
    String tracking = request.trackingNumber();
    String destination = request.shipTo().city() + ", " + request.shipTo().region();
    List<CarrierEvent> events = new ArrayList<>();
    events.add(scan(tracking, 1, CarrierStatus.PICKED_UP, "simcarrier depot", null));
    switch (request.shipTo().postalCode()) {
      case LOST_POSTAL_CODE -> events.add(scan(tracking, 2, CarrierStatus.EXCEPTION, "simcarrier hub",
          new CarrierEvent.Problem(StatusReason.LOST, "parcel missing at the sorting hub")));
      case ADDRESS_ISSUE_POSTAL_CODE -> {
        events.add(scan(tracking, 2, CarrierStatus.IN_TRANSIT, "simcarrier hub", null));
        events.add(scan(tracking, 3, CarrierStatus.OUT_FOR_DELIVERY, destination, null));
        events.add(scan(tracking, 4, CarrierStatus.EXCEPTION, destination,
            new CarrierEvent.Problem(StatusReason.ADDRESS_ISSUE, "the driver could not find the address")));
      }
      default -> events.addAll(scansAfterPickup(tracking, destination));
    }
    return events;
  }

  /**
   * The scans that follow the pickup of a deliverable parcel to {@code destination} ("City, RE"),
   * with the ids the simulator gives them. A real carrier outlives a crash of the stack and keeps
   * sending its scans; this simulator runs in the stack's JVM and dies with it, so the chaos
   * rehearsal sends them again for it (the webhook dedupes by id: a scan applied before changes
   * nothing).
   */
  public static List<CarrierEvent> scansAfterPickup(String trackingNumber, String destination) {
    return List.of(
        scan(trackingNumber, 2, CarrierStatus.IN_TRANSIT, "simcarrier hub", null),
        scan(trackingNumber, 3, CarrierStatus.OUT_FOR_DELIVERY, destination, null),
        scan(trackingNumber, 4, CarrierStatus.DELIVERED, destination, null));
  }

  /** A POST of {@code body} to the webhook under {@code gateway}, signed now with {@code secret}, as a carrier sends it. */
  public static HttpRequest signedPost(URI gateway, String secret, String body) {
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    return HttpRequest.newBuilder(gateway.resolve("/carriers/" + CARRIER + "/events"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header(CarrierSignatureVerifier.TIMESTAMP_HEADER, timestamp)
        .header(CarrierSignatureVerifier.SIGNATURE_HEADER, CarrierSignatureVerifier.sign(secret, timestamp, body))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** Real carriers retry deliveries of these; the webhook must answer 200 and change nothing. */
  static boolean sentTwice(CarrierEvent event) {
    return event.status() == CarrierStatus.PICKED_UP || event.status() == CarrierStatus.DELIVERED;
  }

  private static CarrierEvent scan(
      String trackingNumber, int leg, CarrierStatus status, String location, CarrierEvent.Problem problem) {
    // Stable ids: a redelivered pickup request replays the same events, which the webhook dedupes.
    return new CarrierEvent("evt-" + trackingNumber + "-" + leg, trackingNumber, status, null, location, problem);
  }

  private SQSBatchResponse accept(SQSEvent batch) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : batch.getRecords()) {
      try {
        CarrierRequest request = Json.read(message.getBody(), CarrierRequest.class);
        schedule(journey(request), 0);
      } catch (RuntimeException e) {
        LOG.warn("carrier request {} is unreadable", message.getMessageId(), e);
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }

  /** Posts the scans one pace apart, each only after the previous one was answered. */
  private void schedule(List<CarrierEvent> journey, int next) {
    if (next >= journey.size() || scheduler.isShutdown()) {
      return;
    }
    scheduler.schedule(() -> {
      CarrierEvent scan = journey.get(next);
      CarrierEvent event = new CarrierEvent(scan.eventId(), scan.trackingNumber(), scan.status(),
          Instant.now(), scan.location(), scan.exception());
      // A repeat is byte for byte the same event: only the signature's timestamp is new.
      String body = Json.write(event);
      post(event, body);
      if (sentTwice(event)) {
        post(event, body);
      }
      schedule(journey, next + 1);
    }, pace.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void post(CarrierEvent event, String body) {
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      HttpRequest request = signedPost(gateway, secret, body);
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() < 500) {
          if (response.statusCode() >= 300) {
            LOG.warn("webhook refused {} {}: {} {}", event.status(), event.trackingNumber(),
                response.statusCode(), response.body());
          }
          return;
        }
        LOG.warn("webhook failed on {} {} (attempt {}): {}", event.status(), event.trackingNumber(), attempt,
            response.statusCode());
      } catch (IOException e) {
        LOG.warn("webhook unreachable for {} {} (attempt {})", event.status(), event.trackingNumber(), attempt, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    poller.close();
    scheduler.shutdownNow();
  }
}

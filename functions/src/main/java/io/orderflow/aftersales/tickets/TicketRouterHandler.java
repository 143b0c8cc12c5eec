package io.orderflow.aftersales.tickets;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.orderflow.aftersales.AftersalesWiring;
import io.orderflow.platform.Json;
import io.orderflow.platform.SqsBatchHandler;
import io.orderflow.store.Adapters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Opens the tickets the system asks for on the {@code aftersales-tickets} queue (a delivery
 * exception, a return that needs a review) and routes each to the least-loaded agent. Idempotent
 * per message: the ticket id derives from the request id, so a redelivered or repeated request
 * finds its ticket. Reports partial batch failures; a message that is not a ticket request can
 * never succeed and is logged and dropped instead of cycling to the dead-letter queue.
 */
public final class TicketRouterHandler extends SqsBatchHandler {

  private static final Logger LOG = LogManager.getLogger(TicketRouterHandler.class);

  private final TicketDesk desk;

  public TicketRouterHandler() {
    this(Adapters.shared());
  }

  public TicketRouterHandler(Adapters adapters) {
    this(AftersalesWiring.desk(adapters, AftersalesWiring.agents()));
  }

  public TicketRouterHandler(TicketDesk desk) {
    this.desk = desk;
  }

  @Override
  protected SQSBatchResponse handleMessages(SQSEvent event) {
    List<BatchItemFailure> failures = new ArrayList<>();
    for (SQSMessage message : event.getRecords()) {
      Optional<TicketRequest> request = requestOf(message.getBody());
      if (request.isEmpty()) {
        LOG.warn("dropping malformed ticket request {}: {}", message.getMessageId(), message.getBody());
        continue;
      }
      try {
        Ticket ticket = desk.open(request.get());
        LOG.info("ticket {} for request {} is with {}", ticket.ticketId(), request.get().requestId(), ticket.assignee());
      } catch (RuntimeException e) {
        LOG.error("could not open the ticket of request {}; message {} will be redelivered",
            request.get().requestId(), message.getMessageId(), e);
        failures.add(new BatchItemFailure(message.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }

  /** A request names its cause, its customer, its category and what happened; the rest is optional. */
  private static Optional<TicketRequest> requestOf(String body) {
    if (body == null) {
      return Optional.empty();
    }
    try {
      TicketRequest request = Json.MAPPER.readValue(body, TicketRequest.class);
      boolean complete = request != null && present(request.requestId()) && present(request.customerId())
          && request.category() != null && present(request.message());
      return complete ? Optional.of(request) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}

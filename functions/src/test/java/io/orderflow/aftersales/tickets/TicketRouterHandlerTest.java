package io.orderflow.aftersales.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.orderflow.aftersales.AftersalesFixture;
import io.orderflow.testing.InMemoryTicketRepository;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ticket router over the sample batch of {@code events/aftersales/ticket-requests-batch.json}. */
class TicketRouterHandlerTest {

  private static final String ORDER_ID = "3f2c9a7e-8b1d-4c6f-a5e2-9d0b7c4e1a68";

  private final AftersalesFixture f = new AftersalesFixture();
  private final TicketRouterHandler router = new TicketRouterHandler(f.desk);

  @Test
  void opensOneTicketPerRequestAndDropsWhatIsNoRequest() {
    SQSBatchResponse response = router.handleRequest(batch(), null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    Ticket delivery = f.tickets.find(TicketRequest.ticketIdFor("delivery-exception-" + ORDER_ID)).orElseThrow();
    Ticket review = f.tickets.find(TicketRequest.ticketIdFor("return-review-" + ORDER_ID + "-R1")).orElseThrow();
    assertThat(delivery.category()).isEqualTo(TicketCategory.DELIVERY);
    assertThat(review.returnId()).isEqualTo(ORDER_ID + "-R1");
    assertThat(List.of(delivery.assignee(), review.assignee()))
        .as("both go to the DELIVERY|RETURN agent first, then the load evens out")
        .containsExactly("agent-ana", "agent-bo");
  }

  @Test
  void aRedeliveredBatchOpensNothingTwice() {
    router.handleRequest(batch(), null);
    Map<String, Integer> load = f.tickets.openTickets(List.of("agent-ana", "agent-bo"));

    SQSBatchResponse again = router.handleRequest(batch(), null);

    assertThat(again.getBatchItemFailures()).isEmpty();
    assertThat(f.tickets.openTickets(List.of("agent-ana", "agent-bo"))).isEqualTo(load);
  }

  @Test
  void aFailedRequestIsReportedAloneForRedelivery() {
    InMemoryTicketRepository stored = new InMemoryTicketRepository();
    TicketRepository flaky = new TicketRepository() {
      @Override
      public boolean create(Ticket ticket) {
        if (ticket.category() == TicketCategory.RETURN) {
          throw new IllegalStateException("table throttled");
        }
        return stored.create(ticket);
      }

      @Override
      public Optional<Ticket> find(String ticketId) {
        return stored.find(ticketId);
      }

      @Override
      public void update(Ticket updated) {
        stored.update(updated);
      }

      @Override
      public Map<String, Integer> openTickets(Collection<String> agentIds) {
        return stored.openTickets(agentIds);
      }
    };
    SQSEvent event = batch();

    SQSBatchResponse response = new TicketRouterHandler(new TicketDesk(flaky, Agents.parse(null), f.clock))
        .handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).extracting(BatchItemFailure::getItemIdentifier)
        .containsExactly(event.getRecords().get(1).getMessageId());
    assertThat(stored.find(TicketRequest.ticketIdFor("delivery-exception-" + ORDER_ID))).isPresent();
  }

  private static SQSEvent batch() {
    return EventLoader.loadSQSEvent("events/aftersales/ticket-requests-batch.json");
  }
}

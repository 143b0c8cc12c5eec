package io.orderflow.aftersales.tickets;

import static io.orderflow.aftersales.AftersalesFixture.CUSTOMER;
import static io.orderflow.aftersales.AftersalesFixture.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.aftersales.AftersalesFixture;
import io.orderflow.aftersales.Conflict;
import io.orderflow.aftersales.NotFound;
import io.orderflow.aftersales.tickets.Ticket.Message.From;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class TicketDeskTest {

  private final AftersalesFixture f = new AftersalesFixture();

  @Test
  void ticketsGoToTheLeastLoadedAgentWhoHandlesTheCategory() {
    Ticket first = f.desk.open(CUSTOMER, null, TicketCategory.DELIVERY, "where is my parcel?");
    Ticket second = f.desk.open(CUSTOMER, null, TicketCategory.DELIVERY, "still nothing");
    Ticket payment = f.desk.open(CUSTOMER, null, TicketCategory.PAYMENT, "charged twice?");
    Ticket third = f.desk.open(CUSTOMER, null, TicketCategory.RETURN, "label?");

    assertThat(first.assignee()).as("a tie goes to the agent listed first").isEqualTo("agent-ana");
    assertThat(second.assignee()).isEqualTo("agent-bo");
    assertThat(payment.assignee()).as("only agent-bo takes payments").isEqualTo("agent-bo");
    assertThat(third.assignee()).as("ana has 1 open, bo has 2").isEqualTo("agent-ana");

    f.desk.resolve(second.ticketId());
    f.desk.resolve(payment.ticketId());
    assertThat(f.desk.open(CUSTOMER, null, TicketCategory.DELIVERY, "again").assignee())
        .as("resolved tickets no longer count").isEqualTo("agent-bo");
  }

  @Test
  void agentRepliesAreVisibleToTheCustomerAndTheFirstOneFixesTheFirstResponseTime() {
    Ticket opened = f.desk.open(CUSTOMER, "o-1", TicketCategory.PRODUCT, "the mouse squeaks");
    f.clock.advance(Duration.ofMinutes(42));
    f.desk.reply(opened.ticketId(), "agent-ana", "sorry! we send a new one");
    f.clock.advance(Duration.ofMinutes(5));
    f.desk.reply(opened.ticketId(), "agent-ana", "it left today");

    Ticket seen = f.desk.findFor(CUSTOMER, opened.ticketId());

    assertThat(seen.messages()).extracting(Ticket.Message::from).containsExactly(From.CUSTOMER, From.AGENT, From.AGENT);
    assertThat(seen.firstResponseTime()).isEqualTo(Duration.ofMinutes(42));
    assertThatThrownBy(() -> f.desk.findFor(STRANGER, opened.ticketId())).isInstanceOf(NotFound.class);

    Ticket resolved = f.desk.resolve(opened.ticketId());
    assertThat(resolved.status()).isEqualTo(Ticket.Status.RESOLVED);
    assertThat(f.desk.resolve(opened.ticketId()).version()).as("resolving twice is a no-op").isEqualTo(resolved.version());
    assertThatThrownBy(() -> f.desk.reply(opened.ticketId(), "agent-ana", "one more")).isInstanceOf(Conflict.class);
  }

  @Test
  void aSystemRequestOpensItsTicketOnceHoweverOftenItIsDelivered() {
    TicketRequest request = new TicketRequest("delivery-exception-o-1", CUSTOMER, "o-1", null,
        TicketCategory.DELIVERY, "the carrier reported the parcel LOST");

    Ticket first = f.desk.open(request);
    Ticket again = f.desk.open(request);

    assertThat(again).isEqualTo(first);
    assertThat(first.ticketId()).isEqualTo(request.ticketId());
    assertThat(first.messages()).singleElement().extracting(Ticket.Message::from).isEqualTo(From.SYSTEM);
    assertThat(f.tickets.openTickets(java.util.List.of("agent-ana")).get("agent-ana")).isEqualTo(1);
  }

  @Test
  void agentsAreParsedFromTheConfiguration() {
    Agents agents = Agents.parse(" agent-ana:DELIVERY|return , agent-bo:* ,agent-cy");

    assertThat(agents.all()).extracting(Agents.Agent::id).containsExactly("agent-ana", "agent-bo", "agent-cy");
    assertThat(agents.all().get(0).categories()).isEqualTo(EnumSet.of(TicketCategory.DELIVERY, TicketCategory.RETURN));
    assertThat(agents.handling(TicketCategory.PAYMENT)).containsExactly("agent-bo", "agent-cy");
    assertThat(Agents.parse(null).handling(TicketCategory.INQUIRY)).containsExactly("agent-support");
    assertThatThrownBy(() -> Agents.parse("agent-x:NOPE")).isInstanceOf(IllegalArgumentException.class);
  }
}

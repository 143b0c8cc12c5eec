package io.orderflow.aftersales;

import io.orderflow.aftersales.feedback.FeedbackBox;
import io.orderflow.aftersales.returns.ReturnJournal;
import io.orderflow.aftersales.returns.ReturnPolicy;
import io.orderflow.aftersales.returns.ReturnProgress;
import io.orderflow.aftersales.returns.ReturnRequests;
import io.orderflow.aftersales.returns.ReturnSettlement;
import io.orderflow.aftersales.tickets.Agents;
import io.orderflow.aftersales.tickets.TicketDesk;
import io.orderflow.aftersales.tickets.TicketQuota;
import io.orderflow.platform.Workflow;
import io.orderflow.refund.RefundService;
import io.orderflow.store.Adapters;

/**
 * The after-sales services over the adapters, for the handlers' constructors. Each handler builds
 * only the services it uses: a service asks its adapters for their resources at construction, and
 * a workflow step cannot know the state machine ARN (the state machine depends on the step), so
 * only the API function may build {@link ReturnRequests}.
 *
 * <p>The return policy comes from the RETURN_* variables and the agents from AFTERSALES_AGENTS;
 * both have defaults, so the local stack runs without any.
 */
public final class AftersalesWiring {

  private AftersalesWiring() {}

  public static ReturnPolicy policy() {
    return ReturnPolicy.fromEnvironment(System.getenv());
  }

  public static Agents agents() {
    return Agents.parse(System.getenv("AFTERSALES_AGENTS"));
  }

  public static ReturnRequests requests(Adapters adapters, ReturnPolicy policy) {
    return new ReturnRequests(adapters.orders(), adapters.returns(), journal(adapters),
        adapters.workflowStarter(Workflow.RETURN_REFUND), policy, adapters.clock());
  }

  public static ReturnProgress progress(Adapters adapters, ReturnPolicy policy) {
    return new ReturnProgress(adapters.returns(), journal(adapters), adapters.queues(), adapters.callbacks(), policy,
        adapters.clock());
  }

  public static ReturnSettlement settlement(Adapters adapters) {
    RefundService refunds = new RefundService(
        adapters.orders(), adapters.payments(), adapters.idempotency(), adapters.clock(),
        adapters.paymentLease());
    return new ReturnSettlement(adapters.orders(), adapters.returns(), journal(adapters), adapters.inventory(), refunds,
        adapters.clock());
  }

  public static TicketDesk desk(Adapters adapters, Agents agents) {
    return new TicketDesk(adapters.tickets(), agents, adapters.clock(),
        TicketQuota.fromEnvironment(System.getenv(), adapters.rateLimits()));
  }

  public static FeedbackBox feedback(Adapters adapters) {
    return new FeedbackBox(adapters.orders(), adapters.feedback(), adapters.clock());
  }

  private static ReturnJournal journal(Adapters adapters) {
    return new ReturnJournal(adapters.orders(), adapters.clock());
  }
}

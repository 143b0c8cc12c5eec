package io.orderflow.infrastructure;

import static io.orderflow.platform.Queue.AFTERSALES_TICKETS;
import static io.orderflow.platform.Queue.CARRIER_REQUESTS;
import static io.orderflow.platform.Queue.NOTIFICATIONS;
import static io.orderflow.platform.Queue.ORDER_INTAKE;
import static io.orderflow.platform.Queue.RESTOCK_REQUESTS;
import static io.orderflow.platform.Table.AFTERSALES;
import static io.orderflow.platform.Table.CATALOG;
import static io.orderflow.platform.Table.IDEMPOTENCY;
import static io.orderflow.platform.Table.INVENTORY;
import static io.orderflow.platform.Table.ORDERS;
import static io.orderflow.platform.Workflow.ORDER_FULFILLMENT;
import static io.orderflow.platform.Workflow.RETURN_REFUND;

import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.Queue;
import io.orderflow.platform.Table;
import io.orderflow.platform.Workflow;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What one function may touch, and nothing more: the tables it reads or writes, the queues it sends
 * to, the workflows it starts or resumes (task tokens), whose executions it describes and redrives,
 * and whether it reads the carrier secrets.
 * The switch is exhaustive, so a new function does not compile until its access is decided here.
 */
public record FunctionAccess(
    Set<Table> reads,
    Set<Table> writes,
    Set<Queue> sends,
    Set<Workflow> starts,
    Set<Workflow> resumes,
    Set<Workflow> redrives,
    boolean carrierSecrets) {

  public static FunctionAccess of(LambdaFunction function) {
    FunctionAccess none =
        new FunctionAccess(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), false);
    return switch (function) {
      // Places orders (their intake message goes out through the outbox); ops edit catalog and
      // stock; cancel, confirm and release-hold resume steps.
      case API ->
          none.writing(ORDERS, CATALOG, INVENTORY, IDEMPOTENCY).resuming(ORDER_FULFILLMENT);
      // Only turns queue messages into executions; the event source mapping grants the consume.
      case INTAKE -> none.starting(ORDER_FULFILLMENT);
      // What the steps tell the customer (and ask of the warehouse) leaves through the order's
      // outbox: see RELAY_OUTBOX. Only the carrier request is sent directly, on every attempt.
      case VALIDATE -> none.writing(ORDERS).reading(CATALOG);
      case RESERVE, RELEASE -> none.writing(ORDERS, INVENTORY);
      // Payment calls are made once per ledger request id, kept in the idempotency table.
      case CHARGE, REFUND, CAPTURE, VOID -> none.writing(ORDERS, IDEMPOTENCY);
      case DISPATCH -> none.writing(ORDERS).reading(CATALOG).sendingTo(CARRIER_REQUESTS);
      // Resolves the token itself when the awaited event already happened.
      case AWAIT -> none.writing(ORDERS).resuming(ORDER_FULFILLMENT);
      // Carrier events: dedupe by event id, commit shipped stock, resume or fail the dispatch and
      // delivery steps of either workflow (replacements are dispatched by the return workflow).
      case TRACK ->
          none.readingCarrierSecrets()
              .writing(ORDERS, INVENTORY, IDEMPOTENCY)
              .resuming(ORDER_FULFILLMENT, RETURN_REFUND);
      case CLOSE -> none.writing(ORDERS);
      // Returns live with their order; tickets and ratings in their own table. Requesting a
      // return starts its workflow, receiving and inspecting it resume the waiting step.
      case AFTERSALES_API ->
          none.writing(ORDERS, AFTERSALES, IDEMPOTENCY).starting(RETURN_REFUND).resuming(RETURN_REFUND);
      // Approves at once (resuming its own token) or asks for a person through a RETURN ticket.
      case REVIEW_RETURN ->
          none.writing(ORDERS).sendingTo(AFTERSALES_TICKETS).resuming(RETURN_REFUND);
      case CLOSE_RETURN -> none.writing(ORDERS);
      case AWAIT_RETURN -> none.writing(ORDERS).resuming(RETURN_REFUND);
      // A replacement is a new order whose stock is reserved like any other.
      case PLACE_REPLACEMENT -> none.writing(ORDERS, INVENTORY).reading(CATALOG);
      case COMPLETE_EXCHANGE -> none.writing(ORDERS, INVENTORY);
      // Resellable units go back on the shelf; the refund is made once per request id.
      case REFUND_RETURN -> none.writing(ORDERS, INVENTORY, IDEMPOTENCY);
      case TICKET_ROUTER -> none.writing(AFTERSALES);
      // Gives expired reservations back to stock and notes it on the order; the event source
      // mapping grants reading the Inventory stream.
      case EXPIRE_RESERVATIONS -> none.writing(ORDERS, INVENTORY);
      // Sends what order changes put in their outbox; the mapping grants reading the Orders stream.
      case RELAY_OUTBOX ->
          none.sendingTo(ORDER_INTAKE, NOTIFICATIONS, AFTERSALES_TICKETS, RESTOCK_REQUESTS);
      // Looks at the executions of stranded orders and redrives them, or starts one a lost intake
      // message never started; otherwise compensates: void or refund (payment requests are kept in
      // the idempotency table), release the stock, cancel the order.
      case SWEEP_STRANDED_ORDERS ->
          none.writing(ORDERS, INVENTORY, IDEMPOTENCY)
              .starting(ORDER_FULFILLMENT)
              .redriving(ORDER_FULFILLMENT);
    };
  }

  private FunctionAccess reading(Table... tables) {
    return new FunctionAccess(
        set(Table.class, tables), writes, sends, starts, resumes, redrives, carrierSecrets);
  }

  private FunctionAccess writing(Table... tables) {
    return new FunctionAccess(
        reads, set(Table.class, tables), sends, starts, resumes, redrives, carrierSecrets);
  }

  private FunctionAccess sendingTo(Queue... queues) {
    return new FunctionAccess(
        reads, writes, set(Queue.class, queues), starts, resumes, redrives, carrierSecrets);
  }

  private FunctionAccess starting(Workflow... workflows) {
    return new FunctionAccess(
        reads, writes, sends, set(Workflow.class, workflows), resumes, redrives, carrierSecrets);
  }

  private FunctionAccess resuming(Workflow... workflows) {
    return new FunctionAccess(
        reads, writes, sends, starts, set(Workflow.class, workflows), redrives, carrierSecrets);
  }

  private FunctionAccess redriving(Workflow... workflows) {
    return new FunctionAccess(
        reads, writes, sends, starts, resumes, set(Workflow.class, workflows), carrierSecrets);
  }

  private FunctionAccess readingCarrierSecrets() {
    return new FunctionAccess(reads, writes, sends, starts, resumes, redrives, true);
  }

  private static <E extends Enum<E>> Set<E> set(Class<E> type, E[] values) {
    Set<E> set = EnumSet.noneOf(type);
    set.addAll(List.of(values));
    return Collections.unmodifiableSet(set);
  }
}

package io.orderflow.aftersales.returns;

import io.orderflow.aftersales.Conflict;
import io.orderflow.aftersales.InvalidInput;
import io.orderflow.aftersales.InvalidInput.Problem;
import io.orderflow.aftersales.returns.ProductReturn.AwaitedStep;
import io.orderflow.aftersales.returns.ProductReturn.AwaitedStep.Kind;
import io.orderflow.aftersales.returns.ReturnUpdater.Change;
import io.orderflow.aftersales.tickets.TicketCategory;
import io.orderflow.aftersales.tickets.TicketRequest;
import io.orderflow.order.QueuePublisher;
import io.orderflow.order.WorkflowCallbacks;
import io.orderflow.platform.Queue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A return from request to inspection: review (automatic, or by a person through a ticket), the
 * parcel's arrival, the inspection, and closing a return that ends without a resolution. Workflow
 * steps that wait park their task token on the return; whoever moves the return on (ops, the
 * reviewer) resumes it, and a step that finds the return already moved on resumes itself, so no
 * race between people and the workflow loses an event.
 */
public final class ReturnProgress {

  private final ReturnRepository returns;
  private final ReturnUpdater updater;
  private final ReturnJournal journal;
  private final QueuePublisher queues;
  private final WorkflowCallbacks callbacks;
  private final ReturnPolicy policy;
  private final Clock clock;

  public ReturnProgress(ReturnRepository returns, ReturnJournal journal, QueuePublisher queues,
      WorkflowCallbacks callbacks, ReturnPolicy policy, Clock clock) {
    this.returns = returns;
    this.updater = new ReturnUpdater(returns);
    this.journal = journal;
    this.queues = queues;
    this.callbacks = callbacks;
    this.policy = policy;
    this.clock = clock;
  }

  public ProductReturn find(String returnId) {
    return updater.find(returnId);
  }

  public List<ProductReturn> findByOrder(String orderId) {
    return returns.findByOrder(orderId);
  }

  /**
   * The review step: approves at once when the policy allows, else parks {@code taskToken} and
   * asks for a person through a RETURN ticket.
   *
   * @throws ReturnRejected if the return was already rejected
   */
  public void review(String returnId, String taskToken) {
    ProductReturn current = find(returnId);
    if (current.status() == ReturnStatus.REJECTED) {
      throw new ReturnRejected(returnId, current.statusReason());
    }
    if (current.status() != ReturnStatus.REQUESTED) {
      callbacks.resume(taskToken, approvedOutput(current));
      return;
    }
    if (policy.approvesAutomatically(current)) {
      ProductReturn approved = approve(returnId, null);
      callbacks.resume(taskToken, approvedOutput(approved));
      return;
    }
    TicketRequest ticket = new TicketRequest(
        "return-review-" + returnId, current.customerId(), current.orderId(), returnId, TicketCategory.RETURN,
        "Return " + returnId + " needs a review: " + units(current.quantitiesBySku()) + ", reason " + current.reason()
            + (current.comment() == null ? "" : ", customer says: " + current.comment()));
    Change parked = updater.apply(returnId, r -> r.status() != ReturnStatus.REQUESTED ? r
        : r.inReview(ticket.ticketId(), new AwaitedStep(Kind.REVIEW, taskToken), clock.instant()));
    if (!parked.changed()) {
      // Decided between our read and our write: the decision is there to pass on.
      review(returnId, taskToken);
      return;
    }
    queues.publish(Queue.AFTERSALES_TICKETS, ticket);
    journal.record(parked.after(), "RETURN_IN_REVIEW", Map.of("ticketId", ticket.ticketId()));
  }

  /**
   * A reviewer's decision on a return in manual review (through its ticket).
   *
   * @throws Conflict if the return is not waiting for a decision
   */
  public ProductReturn decide(String returnId, boolean approve, String note) {
    ProductReturn current = find(returnId);
    if (current.status() != ReturnStatus.REQUESTED) {
      throw new Conflict("return " + returnId + " is " + current.status() + ", not waiting for a review");
    }
    if (approve) {
      ProductReturn approved = approve(returnId, note);
      resumeParked(current, Kind.REVIEW, approvedOutput(approved));
      return approved;
    }
    String why = note == null || note.isBlank() ? "REVIEW_REJECTED" : note;
    ProductReturn rejected = end(returnId, ReturnStatus.REJECTED, why);
    failParked(current, Kind.REVIEW, new ReturnRejected(returnId, why));
    return rejected;
  }

  /**
   * The workflow waits for the parcel (PARCEL, while APPROVED) or the inspection (INSPECTION,
   * while RECEIVED); if that already happened, it continues at once.
   */
  public void await(String returnId, Kind kind, String taskToken) {
    ReturnStatus waitingIn = kind == Kind.PARCEL ? ReturnStatus.APPROVED : ReturnStatus.RECEIVED;
    Change parked = updater.apply(returnId, r -> r.status() != waitingIn ? r
        : r.awaiting(new AwaitedStep(kind, taskToken), clock.instant()));
    if (parked.changed()) {
      return;
    }
    ProductReturn current = parked.before();
    if (kind == Kind.PARCEL ? current.status().wasReceived() : current.status().wasInspected()) {
      callbacks.resume(taskToken, kind == Kind.PARCEL ? Map.of("received", true) : inspectedOutput(current));
      return;
    }
    throw new IllegalReturnTransition(returnId, current.status(), waitingIn);
  }

  /** Ops (or the carrier) report the parcel in the warehouse: APPROVED → RECEIVED. */
  public ProductReturn receive(String returnId) {
    Change change = updater.apply(returnId, r -> {
      if (r.status() == ReturnStatus.APPROVED) {
        return r.receive(clock.instant());
      }
      if (r.status().wasReceived()) {
        return r;
      }
      throw new Conflict("return " + returnId + " is " + r.status() + ": no parcel is expected");
    });
    if (change.changed()) {
      journal.record(change.after(), "RETURN_RECEIVED");
      resumeParked(change.before(), Kind.PARCEL, Map.of("received", true));
    }
    return change.after();
  }

  /**
   * Ops report what the parcel held: RECEIVED → INSPECTED.
   *
   * @throws InvalidInput for a SKU not in the return or more units than it names
   * @throws Conflict unless the return is RECEIVED
   */
  public ProductReturn inspect(String returnId, List<InspectedLine> lines) {
    ProductReturn current = find(returnId);
    checkAgainstReturn(current, lines);
    Change change = updater.apply(returnId, r -> {
      if (r.status() != ReturnStatus.RECEIVED) {
        throw new Conflict("return " + returnId + " is " + r.status() + ", not waiting for an inspection");
      }
      return r.inspect(lines, clock.instant());
    });
    ProductReturn inspected = change.after();
    journal.record(inspected, "RETURN_INSPECTED",
        Map.of("accepted", inspected.acceptedQuantities(), "resellable", inspected.resellableQuantities()));
    resumeParked(change.before(), Kind.INSPECTION, inspectedOutput(inspected));
    return inspected;
  }

  /**
   * Ends a return without a resolution: REJECTED (nobody reviewed it in time) or CLOSED (the
   * parcel never came, or the inspection accepted nothing). A return that never came back gives
   * its units back to the order's tally. Idempotent: an ended return stays as it is.
   */
  public ProductReturn close(String returnId, ReturnStatus status, String why) {
    if (status != ReturnStatus.REJECTED && status != ReturnStatus.CLOSED) {
      throw new IllegalArgumentException("a return is closed as REJECTED or CLOSED, not " + status);
    }
    return end(returnId, status, why);
  }

  /** Approves; a reviewer's {@code note} (null when the policy approved) goes on the timeline with the approval. */
  private ProductReturn approve(String returnId, String note) {
    String rma = ReturnIds.rmaNumber(returnId);
    Change change = updater.apply(returnId, r -> r.status() != ReturnStatus.REQUESTED ? r : r.approve(rma, clock.instant()));
    ProductReturn approved = change.after();
    if (approved.status() == ReturnStatus.APPROVED) {
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("rmaNumber", rma);
      detail.put("instructions", policy.instructions(rma));
      if (note != null && !note.isBlank()) {
        detail.put("note", note);
      }
      journal.record(approved, "RETURN_APPROVED", detail);
    }
    return approved;
  }

  /** "2 × SKU-1, 1 × SKU-2": how a person reads a return's units in a ticket. */
  static String units(Map<String, Integer> quantitiesBySku) {
    return quantitiesBySku.entrySet().stream()
        .map(line -> line.getValue() + " × " + line.getKey())
        .collect(Collectors.joining(", "));
  }

  private ProductReturn end(String returnId, ReturnStatus status, String why) {
    Change change = updater.apply(returnId,
        r -> r.status().isFinal() ? r : status == ReturnStatus.REJECTED ? r.reject(why, clock.instant()) : r.close(why, clock.instant()),
        c -> c.before().status() == ReturnStatus.REQUESTED || c.before().status() == ReturnStatus.APPROVED
            ? returns.returnedQuantities(c.before().orderId()).minus(c.before().quantitiesBySku())
            : null);
    ProductReturn ended = change.after();
    if (ended.status() == status) {
      journal.record(ended, "RETURN_" + status.name(), ended.statusReason() == null ? Map.of()
          : Map.of("reason", ended.statusReason()));
    }
    return ended;
  }

  private void checkAgainstReturn(ProductReturn current, List<InspectedLine> lines) {
    Map<String, Integer> returned = current.quantitiesBySku();
    Map<String, Integer> found = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      InspectedLine line = lines.get(i);
      if (!returned.containsKey(line.sku())) {
        problems.add(new Problem("lines[" + i + "].sku", "is not in this return"));
      } else if (found.merge(line.sku(), line.quantity(), Integer::sum) > returned.get(line.sku())) {
        problems.add(new Problem("lines[" + i + "].quantity",
            "more than the " + returned.get(line.sku()) + " returned of " + line.sku()));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
  }

  private void resumeParked(ProductReturn before, Kind kind, Object output) {
    if (before.awaiting() != null && before.awaiting().kind() == kind) {
      callbacks.resume(before.awaiting().taskToken(), output);
    }
  }

  private void failParked(ProductReturn before, Kind kind, RuntimeException error) {
    if (before.awaiting() != null && before.awaiting().kind() == kind) {
      callbacks.fail(before.awaiting().taskToken(), error.getClass().getName(), error.getMessage());
    }
  }

  private static Map<String, Object> approvedOutput(ProductReturn approved) {
    return Map.of("status", approved.status().name(), "rmaNumber", String.valueOf(approved.rmaNumber()));
  }

  /** What the workflow's Choice after the inspection needs: how many units it accepted. */
  static Map<String, Object> inspectedOutput(ProductReturn inspected) {
    int accepted = inspected.acceptedQuantities().values().stream().mapToInt(Integer::intValue).sum();
    return Map.of("acceptedUnits", accepted, "resolution", inspected.resolution().name());
  }
}

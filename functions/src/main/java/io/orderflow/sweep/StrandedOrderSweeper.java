package io.orderflow.sweep;

import static io.orderflow.order.OrderStatus.CANCELLED;
import static io.orderflow.order.OrderStatus.NEEDS_ATTENTION;

import io.orderflow.charge.PaymentService;
import io.orderflow.intake.FulfillmentStarter;
import io.orderflow.order.Notification;
import io.orderflow.order.Order;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.OrderUpdater;
import io.orderflow.order.OrderUpdater.Change;
import io.orderflow.order.OrderUpdater.OrderNotFound;
import io.orderflow.order.StatusReason;
import io.orderflow.order.TimelineEvent;
import io.orderflow.refund.RefundService;
import io.orderflow.reserve.ReservationService;
import io.orderflow.sweep.FulfillmentExecutions.Execution;
import io.orderflow.sweep.FulfillmentExecutions.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The safety net under the workflows: finds orders that sit in a non-final status while no
 * execution works on them (it failed, was aborted, timed out, or never started) and gets each
 * moving again or ends it cleanly.
 *
 * <ul>
 *   <li>execution RUNNING: left alone, it is on its way;
 *   <li>FAILED, TIMED_OUT or ABORTED: redriven from the state that stopped it, up to {@link
 *       SweepSettings#maxRedrives()} times;
 *   <li>redrive refused, execution gone, redriven too often, or SUCCEEDED with the order left
 *       open: compensated here, as the workflow's Catch paths would have: the authorization
 *       voided (or a capture refunded, the parcel having never left), the stock released, the
 *       order CANCELLED with INTERNAL_ERROR and a {@code SWEPT} timeline event saying what was done;
 *   <li>no execution at all: the intake message was lost. A PENDING order placed within {@link
 *       SweepSettings#startWithin()} is started (nothing is reserved or charged yet, so a late
 *       start harms nobody); an older one, or one past PENDING, is compensated instead;
 *   <li>a compensation that fails parks the order in NEEDS_ATTENTION (COMPENSATION_FAILED), which
 *       every later run tries again until it ends CANCELLED;
 *   <li>an order whose parcel already left is never cancelled here: refunding goods on their way
 *       is a decision for people, so it is parked in NEEDS_ATTENTION (INTERNAL_ERROR) for ops.
 * </ul>
 *
 * <p>Safe to run twice at once, or against the workflow's own compensation: redrives carry a
 * client token per attempt, the void and the refund are ledger requests keyed by the order, a
 * release only happens while the reservation exists, and the order changes through {@link
 * OrderUpdater}'s optimistic locking.
 */
public final class StrandedOrderSweeper {

  /** The statuses a stranded order can sit in; NEEDS_ATTENTION is swept apart, every run. */
  private static final Set<OrderStatus> WORKFLOW_STATUSES = EnumSet.of(
      OrderStatus.PENDING, OrderStatus.VALIDATED, OrderStatus.RESERVED, OrderStatus.ON_HOLD, OrderStatus.PAID,
      OrderStatus.DISPATCHED, OrderStatus.IN_TRANSIT, OrderStatus.DELIVERED, OrderStatus.DELIVERY_EXCEPTION);

  /** Statuses in which the parcel is with the carrier or the customer. */
  private static final Set<OrderStatus> PARCEL_GONE =
      EnumSet.of(OrderStatus.IN_TRANSIT, OrderStatus.DELIVERED, OrderStatus.DELIVERY_EXCEPTION);

  private static final int PAGE = 100;
  /** Orders listed per status for each one a run may examine: the pool the run samples from. */
  private static final int LISTED_PER_EXAMINED = 5;
  static final String SWEPT = "SWEPT";

  /** What the sweeper did with one order. */
  public enum Action {
    REDRIVEN,
    STARTED,
    COMPENSATED,
    PARKED,
    /** Not handled this run (an unexpected error); the next run tries again. */
    FAILED
  }

  /** One action, as logged: the order, the status it was in, its execution, what was done and why. */
  public record Swept(String orderId, OrderStatus status, String execution, Action action, Map<String, Object> detail) {
    public Swept {
      detail = Map.copyOf(detail);
    }
  }

  /** A run's counts: orders looked at, each action, and orders that could not be handled (tried again next run). */
  public record Report(int examined, int redriven, int started, int compensated, int parked, int failed) {}

  private final OrderRepository orders;
  private final OrderUpdater updater;
  private final FulfillmentExecutions executions;
  private final FulfillmentStarter starter;
  private final PaymentService payments;
  private final RefundService refunds;
  private final ReservationService reservations;
  private final Clock clock;
  private final SweepSettings settings;
  private final Random random = new Random();

  public StrandedOrderSweeper(
      OrderRepository orders,
      FulfillmentExecutions executions,
      FulfillmentStarter starter,
      PaymentService payments,
      RefundService refunds,
      ReservationService reservations,
      Clock clock,
      SweepSettings settings) {
    this.orders = orders;
    this.updater = new OrderUpdater(orders);
    this.executions = executions;
    this.starter = starter;
    this.payments = payments;
    this.refunds = refunds;
    this.reservations = reservations;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * One run: every NEEDS_ATTENTION order whose parcel has not left, then the orders unchanged for
   * {@link SweepSettings#sweepAfter()}, at most {@link SweepSettings#maxOrders()} in all (a random
   * sample when there are more).
   * An order that fails unexpectedly (say Step Functions throttled) is counted and skipped.
   *
   * @param log receives each action taken
   */
  public Report sweep(Consumer<Swept> log) {
    Instant cutoff = clock.instant().minus(settings.sweepAfter());
    List<Order> candidates = new ArrayList<>(inStatus(NEEDS_ATTENTION, Instant.MAX, settings.maxOrders()));
    int room = settings.maxOrders() - candidates.size();
    List<Order> unchanged = new ArrayList<>();
    for (OrderStatus status : WORKFLOW_STATUSES) {
      unchanged.addAll(inStatus(status, cutoff, settings.maxOrders() * LISTED_PER_EXAMINED));
    }
    // Orders that wait for days by design (held, in transit, delivered) are the oldest of their
    // status: a run that always took the oldest would describe them forever and never reach a
    // stranded order behind them. A random sample reaches every order within a few runs.
    if (unchanged.size() > room) {
      Collections.shuffle(unchanged, random);
      unchanged = unchanged.subList(0, Math.max(room, 0));
    }
    candidates.addAll(unchanged);
    Map<Action, Integer> counts = new LinkedHashMap<>();
    int failed = 0;
    for (Order candidate : candidates) {
      try {
        Optional<Swept> swept = examine(candidate);
        swept.ifPresent(s -> {
          counts.merge(s.action(), 1, Integer::sum);
          log.accept(s);
        });
      } catch (RuntimeException e) {
        failed++;
        log.accept(new Swept(candidate.orderId(), candidate.status(), "UNKNOWN", Action.FAILED, Map.of("error", String.valueOf(e))));
      }
    }
    return new Report(candidates.size(), counts.getOrDefault(Action.REDRIVEN, 0), counts.getOrDefault(Action.STARTED, 0),
        counts.getOrDefault(Action.COMPENSATED, 0), counts.getOrDefault(Action.PARKED, 0), failed);
  }

  /** Orders in {@code status} last changed before {@code cutoff}, oldest first, at most {@code max}. */
  private List<Order> inStatus(OrderStatus status, Instant cutoff, int max) {
    List<Order> found = new ArrayList<>();
    String cursor = null;
    do {
      OrderRepository.Page<Order> page = orders.findByStatus(status, PAGE, cursor);
      for (Order order : page.items()) {
        if (!order.updatedAt().isBefore(cutoff) || found.size() >= max) {
          return found;
        }
        found.add(order);
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return found;
  }

  /** Decides and acts on one order; empty when it needs nothing (its execution runs, or ops have it). */
  Optional<Swept> examine(Order listed) {
    String orderId = listed.orderId();
    Optional<Execution> execution = executions.describe(orderId);
    if (execution.isPresent() && execution.get().status() == Status.RUNNING) {
      return Optional.empty();
    }
    // Read again: the index is eventually consistent, and the order may have moved since it was listed.
    Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFound(orderId));
    if (order.status().isFinal()) {
      return Optional.empty();
    }
    String executionStatus = execution.map(e -> e.status().name()).orElse("NONE");
    if (order.status() == NEEDS_ATTENTION) {
      return parcelLeft(order) ? Optional.empty() : Optional.of(compensate(order, executionStatus, "retrying the compensation"));
    }
    if (execution.isEmpty()) {
      Duration age = Duration.between(order.createdAt(), clock.instant());
      if (order.status() == OrderStatus.PENDING && age.compareTo(settings.startWithin()) < 0) {
        boolean started = starter.start(orderId);
        return Optional.of(new Swept(orderId, order.status(), executionStatus, Action.STARTED,
            Map.of("why", "the order never got its execution", "startedNow", started)));
      }
      return Optional.of(compensate(order, executionStatus, "no execution, and too late to start one"));
    }
    Execution stopped = execution.get();
    if (stopped.status() == Status.SUCCEEDED) {
      return Optional.of(compensate(order, executionStatus, "the execution succeeded but left the order open"));
    }
    if (stopped.redriveCount() >= settings.maxRedrives()) {
      return Optional.of(compensate(order, executionStatus, "redriven " + stopped.redriveCount() + " times already"));
    }
    // One token per attempt: a second sweep making the same attempt is answered, not redriven again.
    if (executions.redrive(orderId, "sweep-" + (stopped.redriveCount() + 1))) {
      return Optional.of(new Swept(orderId, order.status(), executionStatus, Action.REDRIVEN,
          Map.of("redriveCount", stopped.redriveCount() + 1)));
    }
    return Optional.of(compensate(order, executionStatus, "the redrive was refused or the execution is gone"));
  }

  /**
   * Undoes what the order holds and cancels it, or parks it when that is not the sweeper's call
   * (the parcel left) or a compensation fails.
   */
  private Swept compensate(Order order, String execution, String why) {
    String orderId = order.orderId();
    if (parcelLeft(order)) {
      return park(order, execution, StatusReason.INTERNAL_ERROR, Map.of("why", why, "parked", "the parcel has left: ops decide"));
    }
    Map<String, Object> done = new LinkedHashMap<>();
    done.put("why", why);
    String step = "void";
    try {
      done.put("voided", payments.voidAuthorization(orderId));
      step = "refund";
      if (order.ledger().refundable().isPositive()) {
        done.put("refunded", refunds.refund(orderId, "sweep:" + orderId, null, StatusReason.INTERNAL_ERROR.name())
            .refunded().toString());
      }
      step = "release";
      done.put("released", reservations.release(orderId));
    } catch (RuntimeException e) {
      done.put("failed", step);
      done.put("error", String.valueOf(e));
      return park(order, execution, StatusReason.COMPENSATION_FAILED, done);
    }
    Instant now = clock.instant();
    Change closed = updater.apply(orderId, current -> {
      if (current.status().isFinal() || !current.status().canMoveTo(CANCELLED)) {
        return Change.none(current); // the workflow's own compensation got there first
      }
      Map<String, Object> reason = Map.of("reason", StatusReason.INTERNAL_ERROR.name());
      return Change.to(current.moveTo(CANCELLED, StatusReason.INTERNAL_ERROR, now),
              new TimelineEvent(now, "ORDER_CANCELLED", CANCELLED, reason),
              new TimelineEvent(now, SWEPT, CANCELLED, withAction(done, Action.COMPENSATED)))
          .notifying(new Notification(orderId, current.customerId(), "ORDER_CANCELLED", reason));
    });
    done.put("cancelledNow", closed.changed());
    return new Swept(orderId, order.status(), execution, Action.COMPENSATED, done);
  }

  /** NEEDS_ATTENTION with {@code reason}; an order already there stays as it is (no new event every run). */
  private Swept park(Order order, String execution, StatusReason reason, Map<String, Object> detail) {
    Instant now = clock.instant();
    Map<String, Object> parked = new LinkedHashMap<>(detail);
    parked.put("reason", reason.name());
    Change change = updater.apply(order.orderId(), current -> {
      if (current.status().isFinal() || current.status() == NEEDS_ATTENTION) {
        return Change.none(current);
      }
      return Change.to(current.moveTo(NEEDS_ATTENTION, reason, now),
          new TimelineEvent(now, NEEDS_ATTENTION.name(), NEEDS_ATTENTION, Map.of("reason", reason.name())),
          new TimelineEvent(now, SWEPT, NEEDS_ATTENTION, withAction(parked, Action.PARKED)));
    });
    parked.put("parkedNow", change.changed());
    return new Swept(order.orderId(), order.status(), execution, Action.PARKED, parked);
  }

  /** The carrier has the parcel, or the customer: cancelling is no longer a matter of releasing stock. */
  private static boolean parcelLeft(Order order) {
    return PARCEL_GONE.contains(order.status())
        || order.shipment() != null && order.shipment().status() != null && !"LABEL_CREATED".equals(order.shipment().status());
  }

  private static Map<String, Object> withAction(Map<String, Object> detail, Action action) {
    Map<String, Object> withAction = new LinkedHashMap<>(detail);
    withAction.put("action", action.name());
    return withAction;
  }
}

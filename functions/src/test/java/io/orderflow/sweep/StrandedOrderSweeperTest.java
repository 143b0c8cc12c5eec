package io.orderflow.sweep;

import static io.orderflow.testing.OrderStepsFixture.ORDER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.charge.PaymentGateway;
import io.orderflow.charge.PaymentGatewayUnavailable;
import io.orderflow.charge.PaymentService;
import io.orderflow.intake.ExecutionSettings;
import io.orderflow.intake.FulfillmentStarter;
import io.orderflow.order.LedgerEntry;
import io.orderflow.order.Money;
import io.orderflow.order.Notification;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Shipment;
import io.orderflow.order.StatusReason;
import io.orderflow.order.TimelineEvent;
import io.orderflow.platform.Queue;
import io.orderflow.sweep.FulfillmentExecutions.Status;
import io.orderflow.sweep.StrandedOrderSweeper.Action;
import io.orderflow.sweep.StrandedOrderSweeper.Report;
import io.orderflow.sweep.StrandedOrderSweeper.Swept;
import io.orderflow.testing.OrderStepsFixture;
import io.orderflow.testing.RecordingWorkflowStarter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class StrandedOrderSweeperTest {

  private final OrderStepsFixture steps = new OrderStepsFixture();
  private final FakeExecutions executions = new FakeExecutions();
  private final RecordingWorkflowStarter starts = new RecordingWorkflowStarter();
  private final FlakyGateway gateway = new FlakyGateway(steps.gateway);
  private final List<Swept> log = new CopyOnWriteArrayList<>();

  private StrandedOrderSweeper sweeper() {
    return sweeper(SweepSettings.DEFAULTS);
  }

  private StrandedOrderSweeper sweeper(SweepSettings settings) {
    return new StrandedOrderSweeper(steps.orders, executions, new FulfillmentStarter(starts, ExecutionSettings.DEFAULTS),
        new PaymentService(steps.orders, gateway, steps.idempotency, steps.clock), steps.refunds(), steps.reservations(),
        steps.clock, settings);
  }

  private Report sweepLater() {
    steps.clock.advance(Duration.ofMinutes(16));
    return sweeper().sweep(log::add);
  }

  private int available(String sku) {
    return steps.inventory.level(sku).available();
  }

  private List<TimelineEvent> swept() {
    return steps.orders.timeline(ORDER_ID).stream().filter(e -> e.type().equals("SWEPT")).toList();
  }

  @Test
  void aFailedExecutionIsRedrivenAndTheOrderLeftToIt() {
    Order paid = steps.paid();
    executions.with(ORDER_ID, Status.FAILED, 0);

    Report report = sweepLater();

    assertThat(report.redriven()).isEqualTo(1);
    assertThat(report.compensated()).isZero();
    assertThat(executions.redrives()).containsExactly(ORDER_ID + " sweep-1");
    assertThat(steps.order()).isEqualTo(paid);
    assertThat(log).singleElement().satisfies(s -> {
      assertThat(s.action()).isEqualTo(Action.REDRIVEN);
      assertThat(s.execution()).isEqualTo("FAILED");
    });
  }

  @Test
  void runningExecutionsAndRecentlyChangedOrdersAreLeftAlone() {
    steps.paid();
    executions.with(ORDER_ID, Status.RUNNING, 0);
    assertThat(sweepLater().redriven()).isZero();

    executions.with(ORDER_ID, Status.FAILED, 0);
    steps.clock.advance(Duration.ofMinutes(-10));
    Report report = sweeper().sweep(log::add);

    assertThat(report.examined()).isZero();
    assertThat(executions.redrives()).isEmpty();
    assertThat(log).isEmpty();
  }

  @Test
  void whenTheRedriveIsRefusedTheOrderIsCompensatedAndCancelled() {
    steps.paid();
    int before = available("SKU-1");
    executions.with(ORDER_ID, Status.FAILED, 0).notRedrivable(ORDER_ID);

    Report report = sweepLater();

    assertThat(report.compensated()).isEqualTo(1);
    Order order = steps.order();
    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.statusReason()).isEqualTo(StatusReason.INTERNAL_ERROR);
    assertThat(order.ledger().entries()).extracting(LedgerEntry::kind).contains(LedgerEntry.Kind.VOID);
    assertThat(available("SKU-1")).isEqualTo(before + 2);
    assertThat(steps.inventory.hasReservation(ORDER_ID)).isFalse();
    assertThat(swept()).singleElement().satisfies(event -> {
      assertThat(event.status()).isEqualTo(OrderStatus.CANCELLED);
      assertThat(event.detail()).containsEntry("action", "COMPENSATED").containsEntry("voided", true)
          .containsEntry("released", true).containsKey("why");
    });
    assertThat(steps.timelineTypes()).contains("PAYMENT_VOIDED", "STOCK_RELEASED", "ORDER_CANCELLED", "SWEPT");
    assertThat(steps.queues.messages(Queue.NOTIFICATIONS, Notification.class))
        .anySatisfy(n -> assertThat(n.type()).isEqualTo("ORDER_CANCELLED"));
  }

  @Test
  void anOrderPastPendingWithoutAnExecutionIsCompensated() {
    steps.reserved("tok_visa");
    Report gone = sweepLater();
    // RESERVED without any execution: not a lost intake message (that leaves PENDING), so not started
    assertThat(gone.compensated()).isEqualTo(1);
    assertThat(starts.started()).isEmpty();
    assertThat(steps.order().status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(steps.inventory.hasReservation(ORDER_ID)).isFalse();
  }

  @Test
  void anExecutionRedrivenTooOftenIsNotRedrivenAgain() {
    steps.paid();
    executions.with(ORDER_ID, Status.FAILED, SweepSettings.DEFAULTS.maxRedrives());

    Report report = sweepLater();

    assertThat(report.compensated()).isEqualTo(1);
    assertThat(executions.redrives()).isEmpty();
    assertThat(steps.order().status()).isEqualTo(OrderStatus.CANCELLED);
  }

  @Test
  void aPendingOrderThatNeverStartedIsStartedWhileYoungAndCancelledWhenOld() {
    steps.place("tok_visa");
    Report report = sweepLater();
    assertThat(report.started()).isEqualTo(1);
    assertThat(starts.started()).containsKey(ORDER_ID);
    assertThat(steps.order().status()).isEqualTo(OrderStatus.PENDING);

    steps.clock.advance(Duration.ofHours(24));
    Report later = sweeper().sweep(log::add);
    assertThat(later.compensated()).isEqualTo(1);
    assertThat(starts.started()).hasSize(1);
    assertThat(steps.order().status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(steps.order().statusReason()).isEqualTo(StatusReason.INTERNAL_ERROR);
  }

  @Test
  void aCaptureIsRefundedWhenTheParcelNeverLeft() {
    steps.captured();
    executions.with(ORDER_ID, Status.TIMED_OUT, 0).notRedrivable(ORDER_ID);

    sweepLater();

    Order order = steps.order();
    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.ledger().refunded()).isEqualTo(order.ledger().captured());
    assertThat(order.ledger().refunded()).isEqualTo(Money.of("72.30", "USD"));
    assertThat(swept()).singleElement().satisfies(e -> assertThat(e.detail()).containsEntry("refunded", "72.30 USD"));
  }

  @Test
  void aFailingCompensationParksTheOrderAndALaterRunFinishesIt() {
    steps.paid();
    int before = available("SKU-1");
    executions.with(ORDER_ID, Status.ABORTED, 0).notRedrivable(ORDER_ID);
    gateway.voidsFail = true;

    Report first = sweepLater();

    assertThat(first.parked()).isEqualTo(1);
    Order parked = steps.order();
    assertThat(parked.status()).isEqualTo(OrderStatus.NEEDS_ATTENTION);
    assertThat(parked.statusReason()).isEqualTo(StatusReason.COMPENSATION_FAILED);
    assertThat(swept()).singleElement().satisfies(e -> assertThat(e.detail())
        .containsEntry("action", "PARKED").containsEntry("failed", "void").containsKey("error"));

    // still failing: it stays parked, without a new timeline entry every run
    steps.clock.advance(Duration.ofMinutes(5));
    assertThat(sweeper().sweep(log::add).parked()).isEqualTo(1);
    assertThat(swept()).hasSize(1);

    gateway.voidsFail = false;
    steps.clock.advance(Duration.ofMinutes(5));
    Report retried = sweeper().sweep(log::add);

    assertThat(retried.compensated()).isEqualTo(1);
    assertThat(steps.order().status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(steps.order().statusReason()).isEqualTo(StatusReason.INTERNAL_ERROR);
    assertThat(available("SKU-1")).isEqualTo(before + 2);
    assertThat(swept()).extracting(e -> e.detail().get("action")).containsExactly("PARKED", "COMPENSATED");
  }

  @Test
  void anOrderWhoseParcelLeftIsParkedForOpsNotCancelled() {
    steps.captured();
    Order order = steps.order();
    steps.orders.update(order.inOneVersion(o -> o.moveTo(OrderStatus.DISPATCHED, null, steps.clock.instant())
        .withShipment(new Shipment("simcarrier", "TRK-1", "PICKED_UP", null, List.of(), null), steps.clock.instant())
        .moveTo(OrderStatus.IN_TRANSIT, null, steps.clock.instant())), List.of());
    executions.with(ORDER_ID, Status.FAILED, 0).notRedrivable(ORDER_ID);

    assertThat(sweepLater().parked()).isEqualTo(1);
    assertThat(steps.order().status()).isEqualTo(OrderStatus.NEEDS_ATTENTION);
    assertThat(steps.order().statusReason()).isEqualTo(StatusReason.INTERNAL_ERROR);
    assertThat(steps.order().ledger().refunded().isPositive()).isFalse();

    // later runs leave it to ops
    steps.clock.advance(Duration.ofMinutes(5));
    Report later = sweeper().sweep(log::add);
    assertThat(later.parked() + later.compensated()).isZero();
    assertThat(steps.order().status()).isEqualTo(OrderStatus.NEEDS_ATTENTION);
  }

  @Test
  void ordersThatWaitLongerByDesignDoNotHideAStrandedOneBehindThem() {
    // Older than the stranded order, and waiting on a running execution (a held payment, say).
    for (int i = 0; i < 3; i++) {
      String busy = "busy-" + i;
      Order order = Order.place(busy, "someone", List.of(new io.orderflow.order.OrderLine("SKU-1", 1, Money.of("29.90", "USD"))),
          OrderStepsFixture.ADDRESS, new Order.PaymentMethod("card", "tok_visa"), Order.ShippingSpeed.STANDARD, null,
          steps.clock.instant());
      steps.orders.create(order.moveTo(OrderStatus.VALIDATED, null, steps.clock.instant()), List.of());
      executions.with(busy, Status.RUNNING, 0);
    }
    steps.clock.advance(Duration.ofMinutes(1));
    steps.paid();
    executions.with(ORDER_ID, Status.FAILED, 0);
    steps.clock.advance(Duration.ofMinutes(16));
    StrandedOrderSweeper oneAtATime = sweeper(new SweepSettings(Duration.ofMinutes(15), Duration.ofHours(24), 3, 1));

    for (int run = 0; run < 100 && executions.redrives().isEmpty(); run++) {
      assertThat(oneAtATime.sweep(log::add).examined()).isEqualTo(1);
    }

    assertThat(executions.redrives()).containsExactly(ORDER_ID + " sweep-1");
    assertThat(steps.orders.find("busy-0").orElseThrow().status()).isEqualTo(OrderStatus.VALIDATED);
  }

  @Test
  void twoSweepsAtOnceReleaseAndVoidOnce() throws Exception {
    steps.paid();
    int before = available("SKU-1");
    executions.with(ORDER_ID, Status.FAILED, 0).notRedrivable(ORDER_ID);
    steps.clock.advance(Duration.ofMinutes(16));
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Report>> runs = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        runs.add(pool.submit(() -> {
          go.await();
          return sweeper().sweep(log::add);
        }));
      }
      go.countDown();
      for (Future<Report> run : runs) {
        assertThat(run.get().failed()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(available("SKU-1")).isEqualTo(before + 2);
    assertThat(steps.inventory.level("SKU-1").reserved()).isZero();
    assertThat(steps.order().ledger().entries()).filteredOn(e -> e.kind() == LedgerEntry.Kind.VOID).hasSize(1);
    assertThat(gateway.voids).hasSize(1);
    assertThat(steps.timelineTypes()).containsOnlyOnce("ORDER_CANCELLED", "STOCK_RELEASED", "PAYMENT_VOIDED");
    // A sweep that meets another's void in flight (the provider call's idempotency key is taken)
    // cannot tell it from an outage, and may park the order for a moment; the winner cancels it.
    assertThat(swept()).extracting(e -> e.detail().get("action")).containsOnlyOnce("COMPENSATED");
    assertThat(steps.order().status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(steps.order().statusReason()).isEqualTo(StatusReason.INTERNAL_ERROR);
  }

  @Test
  void twoSweepsAtOnceRedriveOnce() throws Exception {
    steps.paid();
    executions.with(ORDER_ID, Status.FAILED, 0);
    steps.clock.advance(Duration.ofMinutes(16));
    List<Swept> first = new CopyOnWriteArrayList<>();
    Order listed = steps.order();
    // both sweeps saw the execution FAILED before either redrove it
    StrandedOrderSweeper a = sweeper();
    StrandedOrderSweeper b = sweeper();
    a.examine(listed).ifPresent(first::add);
    executions.with(ORDER_ID, Status.FAILED, 0);
    b.examine(listed).ifPresent(first::add);

    assertThat(executions.redrives()).containsExactly(ORDER_ID + " sweep-1");
    assertThat(steps.order().status()).isEqualTo(OrderStatus.PAID);
  }

  /** The simulated provider, with voids that can be made to fail, and a count of the voids it made. */
  static final class FlakyGateway implements PaymentGateway {
    private final PaymentGateway real;
    volatile boolean voidsFail;
    final List<String> voids = new CopyOnWriteArrayList<>();

    FlakyGateway(PaymentGateway real) {
      this.real = real;
    }

    @Override
    public Authorization authorize(String key, String token, Money amount, int attempt) {
      return real.authorize(key, token, amount, attempt);
    }

    @Override
    public String capture(String key, String authorizationId, Money amount) {
      return real.capture(key, authorizationId, amount);
    }

    @Override
    public String voidAuthorization(String key, String authorizationId) {
      if (voidsFail) {
        throw new PaymentGatewayUnavailable("the provider is down");
      }
      voids.add(key);
      return real.voidAuthorization(key, authorizationId);
    }

    @Override
    public String refund(String key, String captureId, Money amount) {
      return real.refund(key, captureId, amount);
    }
  }
}

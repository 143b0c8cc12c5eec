package io.orderflow.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.local.gateway.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small chaos rehearsal on a real stack in a child JVM: one SIGKILL while orders are in flight,
 * a few step failures. Nothing may be lost, stranded or duplicated, and the books must balance.
 */
class ChaosTest {

  @TempDir
  Path dataDir;

  @Test
  void twelveOrdersSurviveAKillAndStepFailuresWithNothingLostStrandedOrDuplicated() throws InterruptedException {
    Chaos.Plan plan = new Chaos.Plan(12, 1, 0.05, 7, 4, 100, Duration.ofSeconds(120));

    ChaosReport report = new Chaos(Tokens.fromEnvironment(), dataDir).run(plan);

    String rendered = report.render();
    System.out.print(rendered);
    assertThat(report.startTimes()).as("started, killed once and started again").hasSize(2);
    assertThat(Files.exists(dataDir.resolve("orderflow.log"))).as("the stack's log is in its data dir").isTrue();
    assertThat(report.notAccepted()).as(rendered).isEmpty();
    assertThat(report.orders()).as(rendered).hasSize(12);
    assertThat(report.lost()).as(rendered).isEmpty();
    assertThat(report.stranded()).as(rendered).isEmpty();
    assertThat(report.parked()).as(rendered).isEmpty();
    assertThat(report.duplicated()).as(rendered).isEmpty();
    assertThat(report.books()).as(rendered).isEmpty();
    assertThat(report.ledger()).as(rendered).isEmpty();
    assertThat(report.passed()).as(rendered).isTrue();
    assertThat(rendered).contains("result           PASSED");
  }
}

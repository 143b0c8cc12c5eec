package io.orderflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionSettingsTest {

  @Test
  void defaultsToTheContractsWaits() {
    // A held order keeps its stock off sale: 24 h for the review, no longer the 3 days of before.
    assertThat(ExecutionSettings.fromEnvironment(Map.of()))
        .isEqualTo(new ExecutionSettings(86_400, 172_800, 2_592_000, 604_800));
  }

  @Test
  void eachWaitCanBeSetThroughTheEnvironment() {
    ExecutionSettings settings = ExecutionSettings.fromEnvironment(Map.of(
        "HOLD_TIMEOUT_SECONDS", "60",
        "PICKUP_TIMEOUT_SECONDS", "120",
        "DELIVERY_TIMEOUT_SECONDS", " 300 ",
        "AUTO_CONFIRM_SECONDS", "30"));

    assertThat(settings).isEqualTo(new ExecutionSettings(60, 120, 300, 30));
  }

  @Test
  void refusesWaitsThatAreNotPositiveNumbers() {
    assertThatThrownBy(() -> ExecutionSettings.fromEnvironment(Map.of("AUTO_CONFIRM_SECONDS", "7d")))
        .hasMessageContaining("AUTO_CONFIRM_SECONDS");
    assertThatThrownBy(() -> ExecutionSettings.fromEnvironment(Map.of("HOLD_TIMEOUT_SECONDS", "0")))
        .hasMessageContaining("holdTimeoutSeconds");
  }
}

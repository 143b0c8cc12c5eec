package io.orderflow.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JSON log lines, read back as one line a person reads, filtered by order. */
class LogsCommandTest {

  private static final String RESERVE = "{\"level\":\"INFO\",\"message\":\"orderflow-reserve done in 918 ms\","
      + "\"function_name\":\"orderflow-reserve\",\"orderId\":\"o-1\",\"timestamp\":\"2026-12-02T16:24:38.757Z\"}";
  private static final String FAILED = "{\"level\":\"ERROR\",\"message\":\"orderflow-charge failed\","
      + "\"error\":{\"name\":\"io.orderflow.charge.PaymentHeld\",\"message\":\"held for risk review\"},"
      + "\"function_name\":\"orderflow-charge\",\"orderId\":\"o-2\",\"timestamp\":\"2026-12-02T16:24:39.001Z\"}";

  @Test
  void aLineShowsTimeLevelFunctionOrderAndMessage() {
    assertThat(LogsCommand.readable(RESERVE, null))
        .contains("16:24:38.757 INFO  orderflow-reserve [o-1] orderflow-reserve done in 918 ms");
  }

  @Test
  void anErrorShowsItsExceptionBelow() {
    assertThat(LogsCommand.readable(FAILED, null)).hasValueSatisfying(text -> assertThat(text)
        .startsWith("16:24:39.001 ERROR orderflow-charge [o-2]")
        .endsWith("\n    io.orderflow.charge.PaymentHeld: held for risk review"));
  }

  @Test
  void orderFiltersOutOtherOrdersLines() {
    assertThat(LogsCommand.readable(RESERVE, "o-2")).isEmpty();
    assertThat(LogsCommand.readable(FAILED, "o-2")).isPresent();
    assertThat(LogsCommand.readable("not json about o-9", "o-2")).isEmpty();
    assertThat(LogsCommand.readable("not json about o-2", "o-2")).contains("not json about o-2");
  }
}

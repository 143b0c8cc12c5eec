package io.orderflow.reserve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HoldLimitTest {

  @Test
  void twentyUnlessTheEnvironmentSaysOtherwise() {
    assertThat(HoldLimit.fromEnvironment(Map.of())).isEqualTo(new HoldLimit(20));
    assertThat(HoldLimit.fromEnvironment(Map.of("MAX_HELD_PER_SKU", " 5 "))).isEqualTo(new HoldLimit(5));
  }

  @Test
  void aValueThatIsNotAPositiveNumberFailsAtInit() {
    assertThatThrownBy(() -> HoldLimit.fromEnvironment(Map.of("MAX_HELD_PER_SKU", "many")))
        .hasMessageContaining("MAX_HELD_PER_SKU");
    assertThatThrownBy(() -> HoldLimit.fromEnvironment(Map.of("MAX_HELD_PER_SKU", "0")))
        .hasMessageContaining("positive");
  }

  @Test
  void namesTheSkusTheWantedUnitsWouldTakeOverTheLimit() {
    HoldLimit limit = new HoldLimit(20);

    assertThat(limit.exceededBy(Map.of("A", 2, "B", 1, "C", 21), Map.of("A", 18, "B", 20)))
        .containsExactly("B", "C");
  }
}

package io.orderflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorsTest {

  private final Cors shop = Cors.parse(" https://shop.example.com , http://localhost:5173 ");

  @Test
  void aListedOriginIsEchoedAndCachesAreToldTheAnswerDependsOnIt() {
    assertThat(shop.responseHeaders("http://localhost:5173")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "Access-Control-Allow-Origin", "http://localhost:5173",
        "Access-Control-Expose-Headers", "Location",
        "Vary", "Origin"));
  }

  @Test
  void anOriginNotListedGetsNoPermission() {
    assertThat(shop.responseHeaders("https://evil.example")).containsOnlyKeys("Vary");
    assertThat(shop.responseHeaders(null)).containsOnlyKeys("Vary");
    assertThat(shop.preflightHeaders("https://evil.example", List.of("GET"))).doesNotContainKey("Access-Control-Allow-Methods");
  }

  @Test
  void aWildcardAllowsEveryOriginWithoutVary() {
    Cors any = Cors.parse("*");

    assertThat(any.responseHeaders("https://anyone.example"))
        .containsEntry("Access-Control-Allow-Origin", "*")
        .doesNotContainKey("Vary");
  }

  @Test
  void thePreflightNamesThePathsMethodsAndTheHeadersTheApiReads() {
    assertThat(shop.preflightHeaders("https://shop.example.com", List.of("GET", "POST")))
        .containsEntry("Access-Control-Allow-Origin", "https://shop.example.com")
        .containsEntry("Access-Control-Allow-Methods", "GET, POST")
        .containsEntry("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key")
        .containsEntry("Access-Control-Max-Age", "3600")
        .doesNotContainKey("Access-Control-Allow-Credentials");
  }

  @Test
  void withoutOriginsThereAreNoHeadersAtAll() {
    assertThat(Cors.parse("").enabled()).isFalse();
    assertThat(Cors.fromEnvironment(Map.of()).responseHeaders("https://shop.example.com")).isEmpty();
  }

  @Test
  void refusesSettingsABrowserWouldNeverMatch() {
    assertThatThrownBy(() -> Cors.parse("https://shop.example.com/checkout"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a path");
    assertThatThrownBy(() -> Cors.parse("shop.example.com")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cors.parse("*, https://shop.example.com")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCarrierWebhookIsNoBrowserRoute() {
    assertThat(ApiRoutes.ALL).filteredOn(route -> !Cors.appliesTo(route))
        .extracting(Route::path).containsExactly("/carriers/{carrier}/events");
  }
}

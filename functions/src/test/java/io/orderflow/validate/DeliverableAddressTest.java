package io.orderflow.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.order.Address;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliverableAddressTest {

  @ParameterizedTest(name = "{0} {1}: deliverable {2}")
  @CsvSource({
      "US, 62701, true",
      "US, 62701-1234, true",
      "US, 00000, true",
      "US, 6270, false",
      "US, 62701-12, false",
      "US, ABCDE, false",
      "CN, 200120, true",
      "CN, 20012, false",
      "CN, 2001200, false",
      "GB, SW1A 1AA, true",
      "GB, sw1a1aa, true",
      "GB, M1 1AE, true",
      "GB, EC1A 1BB, true",
      "GB, 12345, false",
      "GB, SW1A 1A, false",
      "DE, 10115, true",
      "DE, 1011, false",
      "JP, 100-0001, true",
      "JP, 1000001, true",
      "JP, 100-001, false",
      "CA, K1A 0B1, true",
      "CA, 12345, false",
      "FR, 75008, true",
      "AU, 2000, true",
      "AU, 20000, false",
      // A country without a known format needs some postal code.
      "BR, 01310-100, true",
      "BR, ' ', false",
      // Not a country.
      "XX, 12345, false",
      "USA, 62701, false",
  })
  void postalCodesFollowTheCountrysFormat(String country, String postalCode, boolean deliverable) {
    Address address = new Address("Li Lei", "1 Main St", null, "Springfield", null, postalCode, country, null);

    assertThat(DeliverableAddress.problem(address).isEmpty()).isEqualTo(deliverable);
  }

  @ParameterizedTest(name = "name={0} line1={1} city={2}")
  @CsvSource({
      "'', 1 Main St, Springfield",
      "Li Lei, ' ', Springfield",
      "Li Lei, 1 Main St, ",
  })
  void aNameAStreetAndACityAreNeeded(String name, String line1, String city) {
    Address address = new Address(name, line1, null, city, "IL", "62701", "US", null);

    assertThat(DeliverableAddress.problem(address)).hasValueSatisfying(p -> assertThat(p).contains("needs"));
  }
}

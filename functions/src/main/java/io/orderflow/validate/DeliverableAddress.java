package io.orderflow.validate;

import io.orderflow.order.Address;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether the carrier can deliver to an address: a real country (ISO 3166-1 alpha-2), a name, a
 * street and a city, and a postal code in the country's format. Countries without a known format
 * need a non-blank postal code.
 */
final class DeliverableAddress {

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  private static final Map<String, Pattern> POSTAL_CODES = Map.of(
      "US", Pattern.compile("\\d{5}(-\\d{4})?"),
      "CN", Pattern.compile("\\d{6}"),
      // Outward code (area + district) and inward code (sector + unit), the space optional.
      "GB", Pattern.compile("[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}", Pattern.CASE_INSENSITIVE),
      "DE", Pattern.compile("\\d{5}"),
      "JP", Pattern.compile("\\d{3}-?\\d{4}"),
      "FR", Pattern.compile("\\d{5}"),
      "CA", Pattern.compile("[A-Z]\\d[A-Z] ?\\d[A-Z]\\d", Pattern.CASE_INSENSITIVE),
      "AU", Pattern.compile("\\d{4}"));

  private DeliverableAddress() {}

  /** Why the address cannot be delivered to, or empty if it can. */
  static Optional<String> problem(Address address) {
    if (address == null) {
      return Optional.of("the order has no shipping address");
    }
    String country = address.country() == null ? "" : address.country().strip();
    if (!COUNTRIES.contains(country)) {
      return Optional.of("country " + address.country() + " is not a country we ship to");
    }
    if (isBlank(address.name()) || isBlank(address.line1()) || isBlank(address.city())) {
      return Optional.of("the address needs a name, a street line and a city");
    }
    String postalCode = address.postalCode() == null ? "" : address.postalCode().strip();
    Pattern format = POSTAL_CODES.get(country);
    boolean valid = format == null ? !postalCode.isEmpty() : format.matcher(postalCode).matches();
    return valid
        ? Optional.empty()
        : Optional.of("postal code '" + address.postalCode() + "' is not valid in " + country);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}

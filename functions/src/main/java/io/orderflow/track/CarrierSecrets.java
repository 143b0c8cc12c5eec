package io.orderflow.track;

import java.util.Optional;

/** Port: the shared secret each carrier signs its webhook calls with. */
public interface CarrierSecrets {

  /** The carrier's current secret, or empty for a carrier we do not work with. */
  Optional<String> secretFor(String carrier);
}

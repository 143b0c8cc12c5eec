package io.orderflow.aftersales;

/** The request is well formed but the current state refuses it (API answer 409 CONFLICT). */
public class Conflict extends RuntimeException {
  public Conflict(String message) {
    super(message);
  }
}

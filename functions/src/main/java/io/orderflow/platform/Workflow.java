package io.orderflow.platform;

/** The Step Functions state machines; each is defined by one ASL file in {@code statemachine/}. */
public enum Workflow {
  ORDER_FULFILLMENT("order-fulfillment", "ORDER_FULFILLMENT_STATE_MACHINE_ARN"),
  RETURN_REFUND("return-refund", "RETURN_REFUND_STATE_MACHINE_ARN");

  private final String baseName;
  private final String environmentVariable;

  Workflow(String baseName, String environmentVariable) {
    this.baseName = baseName;
    this.environmentVariable = environmentVariable;
  }

  public String baseName() {
    return baseName;
  }

  public String localName() {
    return "orderflow-" + baseName;
  }

  /** The definition file name inside {@code statemachine/}. */
  public String aslFile() {
    return baseName + ".asl.json";
  }

  /** The environment variable through which handlers learn the state machine ARN. */
  public String environmentVariable() {
    return environmentVariable;
  }
}

package io.orderflow.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void passTaskChoice() {
    try (EngineFixture f = EngineFixture.fast()) {
      f.functions.register("double", p -> "{\"v\":" + (2 * Integer.parseInt(p.replaceAll("\\D", ""))) + "}");
      String def = """
          {"StartAt":"P","States":{
            "P":{"Type":"Pass","Parameters":{"x.$":"$.n"},"Next":"T"},
            "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"double","Payload.$":"$"},"ResultSelector":{"v.$":"$.Payload.v"},"ResultPath":"$.r","Next":"W"},
            "W":{"Type":"Wait","Seconds":5,"Next":"C"},
            "C":{"Type":"Choice","Choices":[{"Variable":"$.r.v","NumericEquals":42,"Next":"OK"}],"Default":"Bad"},
            "OK":{"Type":"Succeed"},"Bad":{"Type":"Fail","Error":"Bad"}}}""";
      ExecutionDescription d = f.run(def, "{\"n\":21}");
      System.out.println(d);
      f.engine.getExecutionHistory(d.executionArn()).forEach(System.out::println);
      assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(d.output()).isEqualTo("{\"x\":21,\"r\":{\"v\":42}}");
    }
  }
}

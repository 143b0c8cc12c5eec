package io.orderflow.track;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.orderflow.platform.Json;
import io.orderflow.track.CarrierEventParser.FieldProblem;
import java.util.List;
import java.util.Map;

/** The webhook's answers, in API.md's JSON and error shapes. */
final class WebhookResponses {

  private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", "application/json; charset=utf-8");

  private WebhookResponses() {}

  record ErrorBody(Error error) {}

  record Error(String code, String message, List<FieldProblem> details) {}

  static APIGatewayProxyResponseEvent json(int status, Object body) {
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(status)
        .withHeaders(JSON_HEADERS)
        .withBody(Json.write(body));
  }

  static APIGatewayProxyResponseEvent error(int status, String code, String message) {
    return error(status, code, message, List.of());
  }

  static APIGatewayProxyResponseEvent error(int status, String code, String message, List<FieldProblem> details) {
    return json(status, new ErrorBody(new Error(code, message, details)));
  }
}

package io.orderflow.aftersales;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.orderflow.aftersales.InvalidInput.Problem;
import io.orderflow.aftersales.feedback.FeedbackBox;
import io.orderflow.aftersales.returns.IllegalReturnTransition;
import io.orderflow.aftersales.returns.ReturnPolicy;
import io.orderflow.aftersales.returns.ReturnProgress;
import io.orderflow.aftersales.returns.ReturnRequests;
import io.orderflow.aftersales.tickets.TicketDesk;
import io.orderflow.aftersales.tickets.TicketQuota;
import io.orderflow.api.ApiError;
import io.orderflow.api.ApiRouter;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderRepository.ConcurrentModification;
import io.orderflow.platform.Cors;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.store.Adapters;
import java.util.Optional;

/**
 * The after-sales HTTP API (API.md): returns, feedback and tickets for customers; receiving and
 * inspecting returns, answering tickets and the satisfaction report for ops. Every route of {@link
 * io.orderflow.platform.ApiRoutes#ALL} served by {@link LambdaFunction#AFTERSALES_API}, through
 * the same {@link ApiRouter} as the orders API: the same 401/403/404 rules, strict bodies, one
 * error shape, and never a 5xx for bad input.
 */
public final class AftersalesApiHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  private final ApiRouter router;

  /** For the Lambda runtime: clients are built once per execution environment. */
  public AftersalesApiHandler() {
    this(Adapters.shared(), Cors.fromEnvironment(System.getenv()));
  }

  /** For the local stack; the policy and agents come from the environment, with defaults. */
  public AftersalesApiHandler(Adapters adapters, Cors cors) {
    this(adapters, AftersalesWiring.policy(), cors);
  }

  private AftersalesApiHandler(Adapters adapters, ReturnPolicy policy, Cors cors) {
    this(adapters.orders(), AftersalesWiring.requests(adapters, policy), AftersalesWiring.progress(adapters, policy),
        AftersalesWiring.desk(adapters, AftersalesWiring.agents()), AftersalesWiring.feedback(adapters), cors);
  }

  /** For tests: the services over in-memory fakes. */
  public AftersalesApiHandler(OrderRepository orders, ReturnRequests requests, ReturnProgress progress,
      TicketDesk desk, FeedbackBox feedback, Cors cors) {
    this.router = new ApiRouter(LambdaFunction.AFTERSALES_API,
        new AftersalesEndpoints(orders, requests, progress, desk, feedback).byRoute(),
        AftersalesApiHandler::answer, cors);
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    return router.handle(event, context);
  }

  /** The domain's refusals, in the API's error shape. */
  private static Optional<ApiError> answer(RuntimeException e) {
    if (e instanceof NotFound) {
      return Optional.of(ApiError.notFound(e.getMessage()));
    }
    if (e instanceof InvalidInput invalid) {
      return Optional.of(ApiError.validation(invalid.problems().stream()
          .map((Problem p) -> new ApiError.Detail(p.field(), p.problem()))
          .toList()));
    }
    if (e instanceof Conflict || e instanceof IllegalReturnTransition) {
      return Optional.of(ApiError.conflict(e.getMessage()));
    }
    if (e instanceof TicketQuota.TooManyTickets tooMany) {
      return Optional.of(ApiError.tooManyRequests(tooMany.getMessage(), tooMany.retryAfter().toSeconds()));
    }
    if (e instanceof ConcurrentModification) {
      return Optional.of(ApiError.conflict("this is changing right now; retry shortly"));
    }
    return Optional.empty();
  }
}

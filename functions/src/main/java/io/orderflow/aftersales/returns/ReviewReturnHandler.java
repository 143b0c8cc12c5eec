package io.orderflow.aftersales.returns;

import io.orderflow.aftersales.AftersalesWiring;
import io.orderflow.store.Adapters;
import java.util.Map;

/**
 * The workflow's Review step ({@code waitForTaskToken}): {@code {"returnId", "taskToken"}}. Approves
 * at once within the policy, or parks the token and asks for a person through a RETURN ticket; the
 * step completes when the token is resumed, or fails with {@link ReturnRejected}.
 */
public final class ReviewReturnHandler extends ReturnStepHandler {

  private final ReturnProgress progress;

  public ReviewReturnHandler() {
    this(Adapters.shared());
  }

  public ReviewReturnHandler(Adapters adapters) {
    this(AftersalesWiring.progress(adapters, AftersalesWiring.policy()));
  }

  public ReviewReturnHandler(ReturnProgress progress) {
    this.progress = progress;
  }

  @Override
  Object step(ReturnTask task) {
    progress.review(task.returnId(), task.requireToken().taskToken());
    return Map.of("returnId", task.returnId());
  }
}

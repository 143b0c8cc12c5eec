package io.orderflow.aftersales.returns;

import io.orderflow.aftersales.AftersalesWiring;
import io.orderflow.store.Adapters;
import java.util.Map;

/**
 * The workflow's AwaitParcel and AwaitInspection steps ({@code waitForTaskToken}): {@code
 * {"returnId", "taskToken", "event": "PARCEL"|"INSPECTION"}}. Parks the token on the return; ops
 * receiving or inspecting it resume the step, and if that already happened the step resumes at once.
 */
public final class AwaitReturnHandler extends ReturnStepHandler {

  private final ReturnProgress progress;

  public AwaitReturnHandler() {
    this(Adapters.shared());
  }

  public AwaitReturnHandler(Adapters adapters) {
    this(AftersalesWiring.progress(adapters, AftersalesWiring.policy()));
  }

  public AwaitReturnHandler(ReturnProgress progress) {
    this.progress = progress;
  }

  @Override
  Object step(ReturnTask task) {
    if (task.event() == null || task.event() == ProductReturn.AwaitedStep.Kind.REVIEW) {
      throw new IllegalArgumentException("await-return waits for PARCEL or INSPECTION, not " + task.event());
    }
    progress.await(task.returnId(), task.event(), task.requireToken().taskToken());
    return Map.of("returnId", task.returnId(), "event", task.event().name());
  }
}

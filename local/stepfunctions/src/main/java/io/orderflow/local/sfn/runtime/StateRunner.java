package io.orderflow.local.sfn.runtime;

import io.orderflow.local.sfn.asl.State;
import java.util.concurrent.CompletableFuture;

/** How one type of state evaluates itself against its {@link StateContext}. */
interface StateRunner<S extends State> {

  CompletableFuture<Outcome> run(S state, StateContext context);
}

package io.orderflow.local.sfn.runtime;

import io.orderflow.local.sfn.clock.EngineClock;
import io.orderflow.local.sfn.tasks.TaskResource;
import java.util.concurrent.Executor;
import java.util.function.Function;

/** What the engine lends the states of every execution: time, threads, task tokens and task resources. */
record Services(EngineClock clock, Executor executor, TaskTokens tokens, Function<String, TaskResource> resources, String region) {}

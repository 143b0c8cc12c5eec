package io.orderflow.local.sfn.clock;

import java.time.Duration;
import java.time.Instant;

/**
 * The engine's notion of time. Every timestamp the engine reports (history, start/stop dates,
 * {@code $$.State.EnteredTime}) comes from {@link #now()}, and every wait (Wait states, retry
 * intervals, TimeoutSeconds, HeartbeatSeconds, execution timeouts) goes through {@link
 * #schedule}, so a test or the local stack can make workflows that wait for days finish in
 * milliseconds without changing a definition.
 */
public interface EngineClock {

  /** The current engine time. */
  Instant now();

  /**
   * Runs {@code task} once {@code delay} of engine time has passed. The task must be short: the
   * engine only uses it to hand work back to its own executor.
   */
  Scheduled schedule(Duration delay, Runnable task);

  /** A pending {@link #schedule} call. */
  interface Scheduled {
    /** Prevents the task from running if it has not run yet. */
    void cancel();
  }
}

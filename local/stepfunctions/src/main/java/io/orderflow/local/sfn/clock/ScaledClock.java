package io.orderflow.local.sfn.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Wall-clock time running {@code scale} times faster than real time.
 *
 * <p>At construction the clock reads the real wall time; from then on engine time advances
 * {@code scale} seconds per real second. A Wait of 60 s with scale 60 therefore takes one real
 * second, and the history shows the two events 60 s apart, exactly as on AWS. The price is that
 * engine time drifts ahead of the wall clock while the engine runs (by {@code (scale-1) * uptime});
 * that is the documented behaviour of {@code orderflow serve --time-scale N}. Scale 1 is the real
 * clock.
 */
public final class ScaledClock implements EngineClock, AutoCloseable {

  private final double scale;
  private final Instant origin;
  private final long originNanos;
  private final ScheduledExecutorService timer;

  public ScaledClock(double scale) {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("time scale must be positive, was " + scale);
    }
    this.scale = scale;
    this.origin = Instant.now();
    this.originNanos = System.nanoTime();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sfn-clock");
              t.setDaemon(true);
              return t;
            });
  }

  /** The real clock (scale 1). */
  public static ScaledClock system() {
    return new ScaledClock(1.0);
  }

  public double scale() {
    return scale;
  }

  @Override
  public Instant now() {
    long realElapsed = System.nanoTime() - originNanos;
    return origin.plusNanos((long) (realElapsed * scale));
  }

  @Override
  public Scheduled schedule(Duration delay, Runnable task) {
    long realNanos = (long) (Math.max(0, delay.toNanos()) / scale);
    ScheduledFuture<?> future = timer.schedule(task, realNanos, TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}

package io.orderflow.local;

import io.orderflow.local.sfn.StepFunctionsEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Keeps the Step Functions engine's executions in the data directory, so {@code serve --data-dir}
 * gives back the workflows along with the tables: resumed at start, saved every few seconds (a
 * killed JVM loses at most that much; a save writes only the executions that changed) and once
 * more when the stack stops.
 */
final class SavedExecutions implements AutoCloseable {

  private static final Logger LOG = LogManager.getLogger(SavedExecutions.class);
  private static final Duration EVERY = Duration.ofSeconds(5);

  private final StepFunctionsEngine engine;
  private final Path dir;
  private final ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "save-executions");
    t.setDaemon(true);
    return t;
  });
  private boolean resumed;

  SavedExecutions(StepFunctionsEngine engine, Path dataDir) {
    this.engine = engine;
    this.dir = dataDir.resolve("stepfunctions");
  }

  /**
   * Brings back the saved executions, running ones resumed, and saves from now on. Call it once
   * the functions the resumed tasks call are up.
   */
  synchronized int resume() {
    int count = engine.restoreExecutions(dir);
    resumed = true;
    saver.scheduleWithFixedDelay(this::saveQuietly, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return count;
  }

  private synchronized void saveQuietly() {
    try {
      engine.saveExecutions(dir);
    } catch (RuntimeException e) {
      // Try again next round: one failed write (a full disk, say) must not end the saving.
      LOG.warn("could not save the executions to {}", dir, e);
    }
  }

  /**
   * Saves a last time. The stack stops this just before the engine, so executions still running
   * are saved running. Before {@link #resume} it saves nothing: a stack that failed to start must
   * not overwrite what the last one saved.
   */
  @Override
  public synchronized void close() {
    saver.shutdownNow();
    if (resumed) {
      engine.saveExecutions(dir);
    }
  }
}

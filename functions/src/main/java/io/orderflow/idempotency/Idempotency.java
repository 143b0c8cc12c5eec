package io.orderflow.idempotency;

import io.orderflow.idempotency.IdempotencyStore.Record;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Runs an action at most once per key: the first caller runs it and stores its response; later
 * callers with the same request get that response back; a different request under the same key
 * is refused. Used by the API ({@code Idempotency-Key}) and every consumer of at-least-once input.
 */
public final class Idempotency {

  private final IdempotencyStore store;
  private final Clock clock;
  private final Duration lock;
  private final Duration retention;

  /**
   * @param lock how long a claimed key stays IN_PROGRESS if its caller dies (then a retry takes it over)
   * @param retention how long a completed response is replayed
   */
  public Idempotency(IdempotencyStore store, Clock clock, Duration lock, Duration retention) {
    this.store = store;
    this.clock = clock;
    this.lock = lock;
    this.retention = retention;
  }

  /** How long completed responses are replayed. */
  public static final Duration RETENTION = Duration.ofHours(24);

  /**
   * A claim lasts this many timeouts of the function that holds it. An invocation cannot outlive
   * its timeout, so after one timeout nobody can still be working on the claim; the rest is margin
   * for clock skew and the write that completes it. Longer would only delay the retry that takes
   * over from a run that died (a crash, a kill) while it talked to the provider.
   */
  static final int LEASE_TIMEOUTS = 3;

  /** The usual settings: 60 s lock, responses replayed for 24 hours. */
  public static Idempotency withDefaults(IdempotencyStore store, Clock clock) {
    return new Idempotency(store, clock, Duration.ofSeconds(60), RETENTION);
  }

  /**
   * How long an IN_PROGRESS claim of a function with that timeout holds its key; once it ran out
   * (its holder is dead) a retry takes the key over and runs the action again under the same key.
   */
  public static Duration lease(Duration functionTimeout) {
    return functionTimeout.multipliedBy(LEASE_TIMEOUTS);
  }

  /** A stable hash of a request body, to tell "same request again" from "key reused". */
  public static String hash(String request) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Runs {@code action} if this is the first request with {@code key}; otherwise returns the stored
   * response of the first.
   *
   * @throws KeyReused if the key was used with a different request
   * @throws InProgress if the first request with this key is still running
   */
  public Result run(String key, String requestHash, Supplier<String> action) {
    Instant now = clock.instant();
    Record record = store.begin(key, requestHash, now, now.plus(lock));
    if (record.status() != Record.Status.NEW) {
      if (!record.requestHash().equals(requestHash)) {
        throw new KeyReused(key);
      }
      if (record.status() == Record.Status.IN_PROGRESS) {
        throw new InProgress(key);
      }
      return new Result(record.response(), true);
    }
    String response;
    try {
      response = action.get();
    } catch (RuntimeException e) {
      store.release(key);
      throw e;
    }
    store.complete(key, requestHash, response, clock.instant().plus(retention));
    return new Result(response, false);
  }

  /**
   * Like {@link #run}, but a duplicate that arrives while the first request with this key is still
   * running waits for it, checking the record again after a short, growing pause, and answers what
   * the first answered. A client that double-clicks gets the same answer twice, not an error. Only
   * after {@code maxWait} does it give up with {@link InProgress}. If the first run failed and
   * released the key, the waiting duplicate claims it and runs the action itself.
   *
   * @throws KeyReused if the key was used with a different request
   * @throws InProgress if the first request with this key did not finish within {@code maxWait}
   */
  public Result runAwaiting(String key, String requestHash, Supplier<String> action, Duration maxWait) {
    // Elapsed time, not the clock: tests (and a skewed clock) must not stretch or shrink the wait.
    long deadline = System.nanoTime() + maxWait.toNanos();
    long pauseMillis = WAIT_FIRST_PAUSE.toMillis();
    while (true) {
      try {
        return run(key, requestHash, action);
      } catch (InProgress e) {
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0) {
          throw e;
        }
        pause(Math.min(pauseMillis, leftMillis));
        pauseMillis = Math.min(pauseMillis * 2, WAIT_MAX_PAUSE.toMillis());
      }
    }
  }

  /** How long a duplicate waits for the first request with its key, as API.md promises. */
  public static final Duration DUPLICATE_WAIT = Duration.ofSeconds(10);

  private static final Duration WAIT_FIRST_PAUSE = Duration.ofMillis(25);
  private static final Duration WAIT_MAX_PAUSE = Duration.ofMillis(400);

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new InProgress("interrupted while waiting");
    }
  }

  /** The response, and whether it is a replay of an earlier run. */
  public record Result(String response, boolean replayed) {}

  /** The key was first used with a different request. */
  public static class KeyReused extends RuntimeException {
    public KeyReused(String key) {
      super("idempotency key " + key + " was used with a different request");
    }
  }

  /** The first request with this key has not finished yet. */
  public static class InProgress extends RuntimeException {
    public InProgress(String key) {
      super("a request with idempotency key " + key + " is still in progress");
    }
  }
}

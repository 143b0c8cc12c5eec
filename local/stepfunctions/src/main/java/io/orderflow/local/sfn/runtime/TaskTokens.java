package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.sfn.SfnServiceException;
import io.orderflow.local.sfn.json.Json;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Task tokens of {@code .waitForTaskToken} tasks. A waiting task is only a future in this map, so
 * hundreds of executions can wait for callbacks without holding a thread each.
 *
 * <p>Errors follow the service: a string that is not a token → InvalidToken; a well-formed token
 * the engine never issued → TaskDoesNotExist; a token whose task is over (succeeded, failed,
 * timed out, or its execution stopped) → TaskTimedOut ("Provided task does not exist anymore").
 */
public final class TaskTokens {

  private static final Pattern FORMAT = Pattern.compile("AQ[A-Za-z0-9_-]{86}");
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Waiter> waiters = new ConcurrentHashMap<>();

  /** The waiting side of one token. */
  static final class Waiter {
    final CompletableFuture<JsonNode> result = new CompletableFuture<>();
    volatile Runnable onHeartbeat = () -> {};
    volatile boolean closed;
  }

  String newToken() {
    byte[] bytes = new byte[64];
    random.nextBytes(bytes);
    return "AQ" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  Waiter open(String token) {
    Waiter waiter = new Waiter();
    waiters.put(token, waiter);
    return waiter;
  }

  void close(String token) {
    Waiter waiter = waiters.get(token);
    if (waiter != null) {
      waiter.closed = true;
    }
  }

  public void succeed(String token, String output) {
    JsonNode parsed;
    try {
      parsed = Json.parse(output == null ? "null" : output);
    } catch (IllegalArgumentException e) {
      throw new SfnServiceException("InvalidOutput", "Invalid Output: '" + e.getMessage() + "'");
    }
    openWaiter(token).result.complete(parsed);
  }

  public void fail(String token, String error, String cause) {
    openWaiter(token).result.completeExceptionally(new StatesError(error == null ? "" : error, cause == null ? "" : cause));
  }

  public void heartbeat(String token) {
    openWaiter(token).onHeartbeat.run();
  }

  private Waiter openWaiter(String token) {
    if (token == null || !FORMAT.matcher(token).matches()) {
      throw new SfnServiceException("InvalidToken", "Invalid Token: 'Invalid token'");
    }
    Waiter waiter = waiters.get(token);
    if (waiter == null) {
      throw new SfnServiceException("TaskDoesNotExist", "Task does not exist: the token was not issued by this engine");
    }
    if (waiter.closed || waiter.result.isDone()) {
      throw new SfnServiceException("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
    }
    return waiter;
  }
}

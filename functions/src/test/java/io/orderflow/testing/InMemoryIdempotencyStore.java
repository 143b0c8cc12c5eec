package io.orderflow.testing;

import io.orderflow.idempotency.IdempotencyStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

public final class InMemoryIdempotencyStore implements IdempotencyStore {

  private record Entry(Record record, Instant lockedUntil) {}

  private final Map<String, Entry> entries = new HashMap<>();

  @Override
  public synchronized Record begin(String key, String requestHash, Instant now, Instant lockedUntil) {
    Entry existing = entries.get(key);
    if (existing != null
        && (existing.record().status() == Record.Status.COMPLETED || existing.lockedUntil().isAfter(now))) {
      return existing.record();
    }
    entries.put(key, new Entry(new Record(key, Record.Status.IN_PROGRESS, requestHash, null), lockedUntil));
    return new Record(key, Record.Status.NEW, requestHash, null);
  }

  @Override
  public synchronized void complete(String key, String requestHash, String response, Instant expiresAt) {
    entries.put(key, new Entry(new Record(key, Record.Status.COMPLETED, requestHash, response), expiresAt));
  }

  @Override
  public synchronized void release(String key) {
    entries.remove(key);
  }
}

package io.orderflow.local.sfn.runtime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Everything a branch of an execution is waiting on (timers, task tokens, running tasks), so that
 * stopping the execution, or failing a Parallel/Map, can release it at once. Waiting never holds
 * a thread: a wait is a future plus a clock timer, and cancelling completes the future.
 */
final class CancelScope {

  private final Set<Runnable> cancellers = new LinkedHashSet<>();
  private final List<CancelScope> children = new ArrayList<>();
  private boolean cancelled;

  synchronized boolean isCancelled() {
    return cancelled;
  }

  CancelScope child() {
    CancelScope child = new CancelScope();
    boolean cancelNow;
    synchronized (this) {
      cancelNow = cancelled;
      if (!cancelNow) {
        children.add(child);
      }
    }
    if (cancelNow) {
      child.cancel();
    }
    return child;
  }

  synchronized void release(CancelScope child) {
    children.remove(child);
  }

  /** Completes {@code future} with {@link ExecutionCancelled} (after {@code onCancel}) if this scope is cancelled first. */
  <T> void track(CompletableFuture<T> future, Runnable onCancel) {
    Runnable canceller =
        () -> {
          onCancel.run();
          future.completeExceptionally(new ExecutionCancelled());
        };
    boolean cancelNow;
    synchronized (this) {
      cancelNow = cancelled;
      if (!cancelNow) {
        cancellers.add(canceller);
      }
    }
    if (cancelNow) {
      canceller.run();
      return;
    }
    future.whenComplete(
        (v, e) -> {
          synchronized (this) {
            cancellers.remove(canceller);
          }
        });
  }

  void cancel() {
    List<Runnable> toRun;
    List<CancelScope> kids;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      toRun = new ArrayList<>(cancellers);
      kids = new ArrayList<>(children);
      cancellers.clear();
      children.clear();
    }
    kids.forEach(CancelScope::cancel);
    toRun.forEach(Runnable::run);
  }
}

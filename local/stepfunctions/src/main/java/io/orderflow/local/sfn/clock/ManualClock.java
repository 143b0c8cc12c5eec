package io.orderflow.local.sfn.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A clock that only moves when told to: deterministic tests of retries, timeouts and waits
 * ("the second retry happened exactly 2 s after the first") without any real waiting.
 */
public final class ManualClock implements EngineClock {

  private final PriorityQueue<Entry> queue =
      new PriorityQueue<>((a, b) -> a.due.equals(b.due) ? Long.compare(a.seq, b.seq) : a.due.compareTo(b.due));
  private Instant now;
  private long seq;

  public ManualClock(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized Scheduled schedule(Duration delay, Runnable task) {
    Entry entry = new Entry(now.plus(delay.isNegative() ? Duration.ZERO : delay), seq++, task);
    queue.add(entry);
    return () -> {
      synchronized (ManualClock.this) {
        queue.remove(entry);
      }
    };
  }

  /** Number of scheduled tasks that have not run yet (something in the engine is waiting). */
  public synchronized int pendingTimers() {
    return queue.size();
  }

  /** Engine time of the earliest pending task, or null. */
  public synchronized Instant nextDue() {
    Entry head = queue.peek();
    return head == null ? null : head.due;
  }

  /** Moves time forward and runs, in order, every task that has become due. */
  public void advance(Duration amount) {
    Instant target;
    synchronized (this) {
      target = now.plus(amount);
    }
    while (true) {
      List<Runnable> due = new ArrayList<>();
      synchronized (this) {
        Entry head = queue.peek();
        if (head == null || head.due.isAfter(target)) {
          now = target;
          return;
        }
        now = head.due;
        while (!queue.isEmpty() && !queue.peek().due.isAfter(now)) {
          due.add(queue.poll().task);
        }
      }
      due.forEach(Runnable::run);
    }
  }

  /** Jumps to the earliest pending task and runs it (and any due at the same instant). */
  public void advanceToNext() {
    Instant due = nextDue();
    if (due != null) {
      advance(Duration.between(now(), due));
    }
  }

  private record Entry(Instant due, long seq, Runnable task) {}
}

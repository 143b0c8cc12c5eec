package io.orderflow.local.sfn.runtime;

import java.util.List;
import java.util.Objects;

/** Which retrier or catcher an error name matches, with the wildcards AWS defines. */
final class ErrorMatching {

  private ErrorMatching() {}

  static boolean matches(List<String> errorEquals, StatesError error) {
    if (error.isTerminal()) {
      return false; // States.Runtime and States.DataLimitExceeded: nothing catches them
    }
    String name = error.error();
    for (String candidate : errorEquals) {
      if (Objects.equals(candidate, name) || candidate.equals(StatesError.ALL)) {
        return true;
      }
      boolean timeout = StatesError.TIMEOUT.equals(name) || StatesError.HEARTBEAT_TIMEOUT.equals(name);
      // "States.TaskFailed: a wildcard that matches any known error name except States.Timeout"
      if (candidate.equals(StatesError.TASK_FAILED) && !timeout) {
        return true;
      }
      // States.Timeout covers "failed to send a heartbeat for longer than HeartbeatSeconds" too
      if (candidate.equals(StatesError.TIMEOUT) && StatesError.HEARTBEAT_TIMEOUT.equals(name)) {
        return true;
      }
    }
    return false;
  }
}

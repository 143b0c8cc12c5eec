package io.orderflow.local.cli;

import io.orderflow.local.LocalStack;
import java.net.URI;
import java.util.Optional;

/**
 * For commands that drive the API as shops do: the stack `orderflow serve` runs when orderflow
 * answers there ({@link RunningStack}), otherwise a stack of the command's own on free ports,
 * stopped when the command ends. A stack the user pointed at with flags must answer: the command
 * does not quietly go elsewhere.
 */
final class ApiOrOwnStack {

  /** What the command does with an API. */
  interface Work {
    int run(URI api) throws InterruptedException;
  }

  private ApiOrOwnStack() {}

  /** Runs {@code work} on the running stack's API, or on a stack started for it whose workflow time runs {@code timeScale} times faster. */
  static int run(RunningStack stack, double timeScale, String purpose, Work work) throws InterruptedException {
    StringBuilder problem = new StringBuilder();
    Optional<URI> api = stack.api(problem);
    if (api.isPresent()) {
      return work.run(api.get());
    }
    if (stack.explicit()) {
      System.err.println(problem + "\n" + RunningStack.hint());
      return 1;
    }
    LogFiles.startRun(LogFiles.stateDir().resolve(purpose.replace(' ', '-') + ".log"));
    System.out.println(problem + "\nStarting a stack for the " + purpose + " (time scale " + (long) timeScale + ")…");
    LocalStack.Options options = LocalStack.Options.defaults()
        .withPorts(0, 0, 0, 0)
        .withTimeScale(timeScale);
    try (LocalStack own = ServeCommand.startQuietly(options)) {
      return work.run(own.apiEndpoint().orElseThrow());
    }
  }
}

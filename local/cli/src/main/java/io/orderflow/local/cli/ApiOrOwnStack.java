package io.orderflow.local.cli;

import io.orderflow.local.LocalStack;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * For commands that drive the API as shops do: the stack `orderflow serve` runs when its API
 * answers, otherwise a stack of the command's own on free ports, stopped when the command ends.
 */
final class ApiOrOwnStack {

  /** What the command does with an API. */
  interface Work {
    int run(URI api) throws InterruptedException;
  }

  private ApiOrOwnStack() {}

  /** Runs {@code work} on {@code api}, or on a stack started for it whose workflow time runs {@code timeScale} times faster. */
  static int run(URI api, double timeScale, String purpose, Work work) throws InterruptedException {
    if (reachable(api)) {
      return work.run(api);
    }
    System.out.println("No API answers at " + api + ": starting a stack for the " + purpose + " (time scale "
        + (long) timeScale + ")…");
    LocalStack.Options options = LocalStack.Options.defaults()
        .withPorts(0, 0, 0, 0)
        .withTimeScale(timeScale);
    try (LocalStack stack = ServeCommand.startQuietly(options)) {
      return work.run(stack.apiEndpoint().orElseThrow());
    }
  }

  private static boolean reachable(URI endpoint) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
